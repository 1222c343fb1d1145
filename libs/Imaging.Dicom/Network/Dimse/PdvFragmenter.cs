using System.Buffers;
using System.IO.Pipelines;

namespace Imaging.Dicom.Network;

/// <summary>Splits a DIMSE message into P-DATA-TF PDUs that respect the peer's Maximum Length (PS3.8 Annex E,
/// PS3.7 D.3.3.1), one PDV per PDU.</summary>
/// <remarks>Fragments are written straight into the output's memory: a data set streamed from a file is read into
/// the pipe's buffer behind a header written in place, never through an intermediate buffer.</remarks>
public sealed class PdvFragmenter
{
    /// <summary>Fragment size used when the peer announced no limit (0), and the most ever put in one PDV: large
    /// enough that per-PDU overhead vanishes, small enough to keep per-association buffers modest.</summary>
    public const int FragmentLengthCap = 256 * 1024;

    /// <param name="peerMaximumLength">The Maximum Length from the peer's A-ASSOCIATE (0 = no limit). It bounds the
    /// P-DATA-TF PDU-length field, which includes the 6-byte PDV item header.</param>
    public PdvFragmenter(uint peerMaximumLength)
    {
        if (peerMaximumLength is > 0 and <= PduWriter.PdvHeaderLength)
            throw new ArgumentOutOfRangeException(nameof(peerMaximumLength), peerMaximumLength,
                "A maximum length this small leaves no room for PDV data.");
        PeerMaximumLength = peerMaximumLength;
        MaximumFragmentLength = peerMaximumLength == 0
            ? FragmentLengthCap
            : (int)Math.Min(peerMaximumLength - PduWriter.PdvHeaderLength, FragmentLengthCap);
    }

    public uint PeerMaximumLength { get; }

    /// <summary>The most command or data set bytes one PDV carries.</summary>
    public int MaximumFragmentLength { get; }

    /// <summary>Writes an encoded command set (see <see cref="DimseCommandCodec.Encode"/>).</summary>
    public void WriteCommand(IBufferWriter<byte> output, byte presentationContextId, ReadOnlySpan<byte> commandSet)
    {
        if (commandSet.IsEmpty) throw new ArgumentException("A command set is never empty.", nameof(commandSet));
        WriteFragments(output, presentationContextId, isCommand: true, commandSet);
    }

    /// <summary>Writes a data set already encoded in memory (a C-FIND identifier, a small response).</summary>
    public void WriteDataSet(IBufferWriter<byte> output, byte presentationContextId, ReadOnlySpan<byte> dataSet) =>
        WriteFragments(output, presentationContextId, isCommand: false, dataSet);

    private void WriteFragments(IBufferWriter<byte> output, byte presentationContextId, bool isCommand, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        do
        {
            var n = Math.Min(bytes.Length, MaximumFragmentLength);
            PduWriter.WriteDataTransfer(output, presentationContextId, isCommand, isLastFragment: n == bytes.Length, bytes[..n]);
            bytes = bytes[n..];
        }
        while (!bytes.IsEmpty);
    }

    /// <summary>Streams an encoded data set from <paramref name="dataSet"/> (a file, typically) to the peer, flushing
    /// after every PDU so that the pipe's back-pressure paces the reading.</summary>
    /// <exception cref="IOException">The peer stopped reading (the pipe completed) before the data set was sent.</exception>
    public ValueTask WriteDataSetAsync(PipeWriter output, byte presentationContextId, Stream dataSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        return WriteDataSetAsync(output, presentationContextId, dataSet, async token =>
        {
            var flush = await output.FlushAsync(token).ConfigureAwait(false);
            if (flush.IsCanceled) throw new OperationCanceledException("Sending the data set was cancelled.");
            if (flush.IsCompleted) throw new IOException("The peer stopped receiving before the data set was sent.");
        }, cancellationToken);
    }

    /// <summary>As the public overload, with each PDU pushed out by <paramref name="flush"/>: a <see cref="PduChannel"/>
    /// passes its own, so that every PDU of a data set is bound by the channel's send timeout like any other send.</summary>
    /// <param name="flush">Flushes <paramref name="output"/>; throws when the peer can no longer take data.</param>
    internal async ValueTask WriteDataSetAsync(PipeWriter output, byte presentationContextId, Stream dataSet, Func<CancellationToken, ValueTask> flush,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataSet);
        PduWriter.CheckPresentationContextId(presentationContextId);
        // The last-fragment bit must be set on the last PDV, so a full fragment is only sent once one more byte has
        // been read: that byte then opens the next fragment.
        var lookahead = new byte[1];
        var haveLookahead = false;
        while (true)
        {
            var memory = output.GetMemory(PduWriter.SinglePdvOverhead + MaximumFragmentLength);
            var fragment = memory.Slice(PduWriter.SinglePdvOverhead, MaximumFragmentLength);
            var filled = 0;
            if (haveLookahead)
            {
                fragment.Span[0] = lookahead[0];
                filled = 1;
            }
            var endOfData = false;
            while (filled < fragment.Length)
            {
                var n = await dataSet.ReadAsync(fragment[filled..], cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    endOfData = true;
                    break;
                }
                filled += n;
            }
            if (!endOfData) endOfData = await dataSet.ReadAsync(lookahead, cancellationToken).ConfigureAwait(false) == 0;
            haveLookahead = !endOfData;

            PduWriter.WriteSinglePdvHeader(memory.Span, presentationContextId, isCommand: false, isLastFragment: endOfData, filled);
            output.Advance(PduWriter.SinglePdvOverhead + filled);
            await flush(cancellationToken).ConfigureAwait(false);
            if (endOfData) return;
        }
    }
}
