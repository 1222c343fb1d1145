using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>One DIMSE message as a raw peer received it: the command and, when there is one, the data set bytes.</summary>
internal sealed record RawDimseMessage(byte PresentationContextId, DicomDataset Command, byte[]? DataSet)
{
    public ushort? CommandField => DimseCommands.GetCommandField(Command);

    public ushort? Status => DimseCommands.GetStatus(Command);

    public bool IsPending => Status is { } status && DimseStatus.IsPending(status);
}

/// <summary>Whole DIMSE messages over a <see cref="RawDicomConnection"/>: the peer side of operations a test drives by hand.</summary>
internal static class RawDimseExchange
{
    /// <summary>Sends a command and, when given, its data set encoded in the context's transfer syntax.</summary>
    public static async Task SendAsync(this RawDicomConnection connection, AcceptedPresentationContext context, DicomDataset command,
        DicomDataset? dataSet, CancellationToken cancellationToken)
    {
        var fragmenter = new PdvFragmenter(16 * 1024);
        fragmenter.WriteCommand(connection.Writer, context.Id, DimseCommandCodec.Encode(command));
        if (dataSet is not null)
        {
            using var encoded = new MemoryStream();
            DicomDatasetWriter.Write(encoded, dataSet, context.TransferSyntax);
            fragmenter.WriteDataSet(connection.Writer, context.Id, encoded.GetBuffer().AsSpan(0, (int)encoded.Length));
        }
        await connection.Writer.FlushAsync(cancellationToken);
    }

    /// <summary>The next whole message; fails the test when the server aborts, closes or stays silent past the timeout.</summary>
    public static async Task<RawDimseMessage> ReadMessageAsync(this RawDicomConnection connection, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var command = new MemoryStream();
        MemoryStream? dataSet = null;
        DicomDataset? decoded = null;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            Pdu? pdu;
            try
            {
                pdu = await connection.ReadPduAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No whole DIMSE message within {timeout.TotalSeconds} s.");
                throw;
            }
            var data = pdu switch
            {
                DataTransferPdu d => d,
                null => throw new Xunit.Sdk.XunitException("The server closed the connection instead of answering."),
                _ => throw new Xunit.Sdk.XunitException($"The server sent {pdu} instead of a DIMSE message."),
            };
            foreach (var pdv in data.Values)
            {
                if (pdv.IsCommand)
                {
                    command.Write(pdv.ToArray());
                    if (!pdv.IsLastFragment) continue;
                    decoded = DimseCommandCodec.Decode(command.ToArray());
                    if (!DimseCommandCodec.HasDataSet(decoded)) return new RawDimseMessage(pdv.PresentationContextId, decoded, null);
                    dataSet = new MemoryStream();
                    continue;
                }
                Assert.NotNull(decoded);
                dataSet!.Write(pdv.ToArray());
                if (pdv.IsLastFragment) return new RawDimseMessage(pdv.PresentationContextId, decoded, dataSet.ToArray());
            }
        }
    }

    /// <summary>Reads the responses to one C-FIND, C-MOVE or C-GET up to the final one (Pending ones are skipped).</summary>
    public static async Task<RawDimseMessage> ReadFinalResponseAsync(this RawDicomConnection connection, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var message = await connection.ReadMessageAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
            if (!message.IsPending) return message;
        }
    }

    /// <summary>Sends a C-ECHO on the Verification context and asserts that it succeeds: the association is still usable.</summary>
    public static async Task AssertEchoSucceedsAsync(this RawDicomConnection connection, NegotiatedAssociation association, ushort messageId,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var verification = association.PresentationContexts.Single(c => c.AbstractSyntax == global::Imaging.Dicom.Dictionary.DicomUids.Verification.Uid);
        await connection.SendAsync(verification, DimseCommands.EchoRequest(messageId), null, cancellationToken);
        var response = await connection.ReadMessageAsync(timeout);
        Assert.Equal(DimseCommandField.CEchoResponse, response.CommandField);
        Assert.Equal(messageId, (ushort?)response.Command.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo));
        Assert.Equal(DimseStatus.Success, response.Status);
    }

    /// <summary>Releases the association and asserts the A-RELEASE-RP.</summary>
    public static async Task AssertReleasesAsync(this RawDicomConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await connection.SendAsync(ReleaseRequestPdu.Instance, cancellationToken);
        Assert.IsType<ReleaseResponsePdu>(await connection.ReadPduAsync(timeout));
    }
}
