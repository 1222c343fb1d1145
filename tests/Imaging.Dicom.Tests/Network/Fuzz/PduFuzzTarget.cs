using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Network.Fuzz;

/// <summary>What PDU fuzz inputs did; counts only.</summary>
public sealed class PduFuzzOutcome
{
    public int Pdus { get; set; }

    public int Rejected { get; set; }

    public int Incomplete { get; set; }

    public int Commands { get; set; }

    public int Messages { get; set; }

    public int AssemblerRejected { get; set; }

    /// <summary>PDUs the reader accepted and <see cref="PduWriter"/> refuses: AE titles with bytes outside the default
    /// repertoire or a backslash, which the reader passes on (non-ASCII bytes as '?') and the writer rejects.</summary>
    public int Unwritable { get; set; }

    public void Add(PduFuzzOutcome other)
    {
        Pdus += other.Pdus;
        Rejected += other.Rejected;
        Incomplete += other.Incomplete;
        Commands += other.Commands;
        Messages += other.Messages;
        AssemblerRejected += other.AssemblerRejected;
        Unwritable += other.Unwritable;
    }

    public override string ToString() =>
        $"PDUs {Pdus}, rejected {Rejected}, incomplete {Incomplete}, commands decoded {Commands}, messages {Messages}, assembler rejected {AssemblerRejected}, unwritable {Unwritable}";
}

/// <summary>The PDU reader's fuzz target, shared by the SharpFuzz harness (tests/fuzz, target <c>pdu</c>) and
/// <see cref="PduFuzzSmokeTests"/>: a byte stream as a peer would send it, read PDU by PDU, with every P-DATA-TF fed to
/// the DIMSE message assembler and every command fragment to the command decoder.</summary>
/// <remarks>
/// <para>The first input byte splits the rest into buffer segments (0: one segment) so that the reader also sees
/// PDUs that straddle segments, as they do in a pipe. Allowed: a PDU, "need more bytes", or
/// <see cref="DicomNetworkProtocolException"/>. Invariants: a PDU consumes exactly its header plus its length; every
/// strict prefix of it asks for more bytes; a PDU written back by <see cref="PduWriter"/> reads back and writes the
/// same bytes.</para>
/// <para>Uses only the public API so the fuzz project can compile this file by link.</para>
/// </remarks>
public static class PduFuzzTarget
{
    private const int MaximumPdusPerInput = 64;
    private static readonly PduReaderLimits Limits = new(16 * 1024, 16 * 1024);

    public static PduFuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        var outcome = new PduFuzzOutcome();
        if (data.IsEmpty) return outcome;
        var buffer = Segment(data[1..].ToArray(), data[0]);
        var assembler = new DimseMessageAssembler(AcceptedContexts(), new MemorySinks(), 4096);
        var assemblerFailed = false;
        try
        {
            for (var n = 0; n < MaximumPdusPerInput; n++)
            {
                var before = buffer;
                bool complete;
                Pdu? pdu;
                try
                {
                    complete = PduReader.TryReadPdu(ref buffer, Limits, out pdu);
                }
                catch (DicomNetworkProtocolException)
                {
                    outcome.Rejected++;
                    break;
                }
                if (!complete)
                {
                    if (buffer.Length != before.Length) throw new FuzzInvariantException("TryReadPdu returned false but moved the buffer");
                    if (before.Length > 0) outcome.Incomplete++;
                    break;
                }
                outcome.Pdus++;
                var consumed = before.Length - buffer.Length;
                CheckConsumed(before, consumed);
                CheckPrefixes(before.Slice(0, consumed));
                RoundTrip(pdu!, outcome);
                if (pdu is DataTransferPdu transfer && !assemblerFailed)
                    assemblerFailed = Feed(transfer, assembler, outcome);
            }
        }
        finally
        {
            Complete(assembler.DisposeAsync());
        }
        return outcome;
    }

    /// <summary>Starting inputs: real PDUs of every type written by <see cref="PduWriter"/>, and whole conversations
    /// (association, command and data fragments, release), each after a segmentation byte of 0.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        var userInformation = UserInformation.ForThisImplementation(16384) with
        {
            AsynchronousOperationsWindow = AsynchronousOperationsWindow.Synchronous,
            RoleSelections = [new RoleSelection("1.2.840.10008.5.1.4.1.1.2", true, true)],
            UserIdentityRequest = UserIdentityRequest.ForUsernameAndPasscode("fuzz", "secret", true),
        };
        var request = new AssociateRequestPdu("STORESCP", "FUZZSCU",
            [
                new PresentationContextRequest(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2"]),
                new PresentationContextRequest(3, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]),
            ], userInformation);
        var accept = new AssociateAcceptPdu("STORESCP", "FUZZSCU",
            [
                new PresentationContextResult(1, PresentationContextResultReason.Acceptance, "1.2.840.10008.1.2"),
                new PresentationContextResult(3, PresentationContextResultReason.AbstractSyntaxNotSupported, "1.2.840.10008.1.2.1"),
            ], UserInformation.ForThisImplementation(16384));
        var echo = DimseCommandCodec.Encode(DimseCommands.EchoRequest(1));
        var store = DimseCommandCodec.Encode(DimseCommands.StoreRequest(2, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5"));
        var dataSet = SmallDataSet();

        yield return ("associate-rq", Prefixed(PduWriter.ToArray(request)));
        yield return ("associate-ac", Prefixed(PduWriter.ToArray(accept)));
        yield return ("associate-rj", Prefixed(PduWriter.ToArray(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 7))));
        yield return ("abort", Prefixed(PduWriter.ToArray(new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue))));
        yield return ("echo", Prefixed(DataTransfer(1, true, true, echo)));
        yield return ("store-fragments", Prefixed([
            .. DataTransfer(3, true, false, store[..20]), .. DataTransfer(3, true, true, store[20..]),
            .. DataTransfer(3, false, false, dataSet[..10]), .. DataTransfer(3, false, true, dataSet[10..])]));
        yield return ("conversation", [7,
            .. PduWriter.ToArray(request), .. DataTransfer(1, true, true, echo),
            .. PduWriter.ToArray(ReleaseRequestPdu.Instance), .. PduWriter.ToArray(ReleaseResponsePdu.Instance)]);
    }

    private static byte[] Prefixed(byte[] pdu) => [0, .. pdu];

    private static byte[] DataTransfer(byte context, bool isCommand, bool isLast, ReadOnlySpan<byte> fragment)
    {
        var output = new ArrayBufferWriter<byte>();
        PduWriter.WriteDataTransfer(output, context, isCommand, isLast, fragment);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] SmallDataSet()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5");
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, "Fuzz^Peer");
        using var stream = new MemoryStream();
        DicomDatasetWriter.Write(stream, dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
        return stream.ToArray();
    }

    // ---- invariants ------------------------------------------------------------------------------------------

    private static void CheckConsumed(ReadOnlySequence<byte> before, long consumed)
    {
        Span<byte> header = stackalloc byte[6];
        before.Slice(0, 6).CopyTo(header);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(header[2..]);
        if (consumed != 6L + declared) throw new FuzzInvariantException($"A PDU of length {declared} consumed {consumed} bytes");
    }

    private static void CheckPrefixes(ReadOnlySequence<byte> whole)
    {
        foreach (var length in new[] { 0L, 1, 5, whole.Length / 2, whole.Length - 1 })
        {
            if (length < 0 || length >= whole.Length) continue;
            var prefix = whole.Slice(0, length);
            if (PduReader.TryReadPdu(ref prefix, Limits, out _))
                throw new FuzzInvariantException($"A {length}-byte prefix of a {whole.Length}-byte PDU read as a whole PDU");
        }
    }

    private static void RoundTrip(Pdu pdu, PduFuzzOutcome outcome)
    {
        byte[] written;
        try
        {
            written = PduWriter.ToArray(pdu);
        }
        catch (ArgumentException)
        {
            // Counted, not a crash: the reader is lenient with a peer's AE titles (see docs/fuzzing.md, findings).
            outcome.Unwritable++;
            return;
        }
        var sequence = new ReadOnlySequence<byte>(written);
        Pdu? again;
        try
        {
            if (!PduReader.TryReadPdu(ref sequence, Limits, out again))
                throw new FuzzInvariantException($"A written {pdu.Type} PDU ({written.Length} bytes) reads as incomplete");
        }
        catch (DicomNetworkProtocolException e)
        {
            throw new FuzzInvariantException($"A written {pdu.Type} PDU is rejected on reading: {e.Message}");
        }
        if (!sequence.IsEmpty) throw new FuzzInvariantException($"A written {pdu.Type} PDU left {sequence.Length} bytes unread");
        if (!PduWriter.ToArray(again).AsSpan().SequenceEqual(written))
            throw new FuzzInvariantException($"A {pdu.Type} PDU writes different bytes after a write/read round trip");
    }

    // ---- DIMSE -----------------------------------------------------------------------------------------------

    // Returns true when the assembler rejected a PDV (it is then failed, as the association would be aborted).
    private static bool Feed(DataTransferPdu transfer, DimseMessageAssembler assembler, PduFuzzOutcome outcome)
    {
        foreach (var pdv in transfer.Values)
        {
            if (pdv.IsCommand)
            {
                try
                {
                    DimseCommandCodec.Decode(pdv.ToArray());
                    outcome.Commands++;
                }
                catch (DicomNetworkProtocolException)
                {
                    // A fragment of a command is usually not a whole command set.
                }
            }
            try
            {
                var message = Complete(assembler.AddAsync(pdv));
                if (message is null) continue;
                outcome.Messages++;
                if (message.DataSet is DimseMemoryDataSink { IsComplete: false })
                    throw new FuzzInvariantException("The assembler returned a message whose data set is not complete");
            }
            catch (DicomNetworkProtocolException)
            {
                outcome.AssemblerRejected++;
                return true;
            }
        }
        return false;
    }

    // The memory sinks never wait, so every ValueTask here has completed; one that has not is a broken invariant, not a wait.
    private static T Complete<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new FuzzInvariantException("A memory-backed DIMSE operation did not complete synchronously");

    private static void Complete(ValueTask task)
    {
        if (!task.IsCompleted) throw new FuzzInvariantException("A memory-backed DIMSE operation did not complete synchronously");
        task.GetAwaiter().GetResult();
    }

    private static IEnumerable<AcceptedPresentationContext> AcceptedContexts()
    {
        yield return new AcceptedPresentationContext(1, "1.2.840.10008.1.1", DicomTransferSyntax.ImplicitVRLittleEndian);
        yield return new AcceptedPresentationContext(3, "1.2.840.10008.5.1.4.1.1.2", DicomTransferSyntax.ExplicitVRLittleEndian);
        yield return new AcceptedPresentationContext(5, "1.2.840.10008.5.1.4.1.1.2", DicomTransferSyntax.ImplicitVRLittleEndian, false, true);
    }

    private sealed class MemorySinks : IDimseDataSinkFactory
    {
        public ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, DicomDataset command, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IDimseDataSink>(new DimseMemoryDataSink(64 * 1024));
    }

    /// <summary>The bytes as a chain of segments of 1-16 bytes chosen by <paramref name="control"/> (0: one segment).</summary>
    private static ReadOnlySequence<byte> Segment(byte[] bytes, byte control)
    {
        if (control == 0 || bytes.Length == 0) return new ReadOnlySequence<byte>(bytes);
        var size = control % 16 + 1;
        Chunk? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var memory = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            if (last is null) first = last = new Chunk(memory, 0);
            else last = last.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
