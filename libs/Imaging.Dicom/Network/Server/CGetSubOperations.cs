using System.Threading.Channels;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>The C-STORE sub-operations of a C-GET on the requestor's own association: requests go out on the channel,
/// responses come back through the acceptor's receive loop.</summary>
/// <remarks>Every send, the data set's PDUs included, is bound by the channel's send timeout, and the wait for each
/// response by <paramref name="responseTimeout"/>: a requestor that stops reading or answering cannot hold the
/// association. Any exception from <see cref="StoreAsync"/> leaves the exchange broken (a message cut short, or a
/// response that may still come), so the caller must end the association rather than go on.</remarks>
internal sealed class CGetSubOperations(PduChannel channel, PdvFragmenter fragmenter, ChannelReader<DicomDataset> responses, TimeSpan responseTimeout)
{
    /// <summary>Sends one C-STORE-RQ with its data set and waits for the C-STORE-RSP.</summary>
    /// <returns>The response command.</returns>
    public async Task<DicomDataset> StoreAsync(AcceptedPresentationContext context, DicomDataset command, Stream dataSet, CancellationToken cancellationToken)
    {
        fragmenter.WriteCommand(channel.Writer, context.Id, DimseCommandCodec.Encode(command));
        await channel.FlushAsync(cancellationToken).ConfigureAwait(false);
        await fragmenter.WriteDataSetAsync(channel.Writer, context.Id, dataSet, channel.FlushAsync, cancellationToken).ConfigureAwait(false);
        try
        {
            return await responses.ReadAsync(cancellationToken).AsTask().WaitAsync(responseTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No C-STORE-RSP within {responseTimeout.TotalSeconds:0.###} s.");
        }
    }
}
