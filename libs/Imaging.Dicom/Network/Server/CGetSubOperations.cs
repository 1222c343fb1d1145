using System.Threading.Channels;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>The C-STORE sub-operations of a C-GET on the requestor's own association: requests go out on the channel,
/// responses come back through the acceptor's receive loop.</summary>
internal sealed class CGetSubOperations(PduChannel channel, PdvFragmenter fragmenter, ChannelReader<DicomDataset> responses)
{
    public async Task SendAsync(AcceptedPresentationContext context, DicomDataset command, Stream dataSet, CancellationToken cancellationToken)
    {
        fragmenter.WriteCommand(channel.Writer, context.Id, DimseCommandCodec.Encode(command));
        await channel.FlushAsync(cancellationToken).ConfigureAwait(false);
        await fragmenter.WriteDataSetAsync(channel.Writer, context.Id, dataSet, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<DicomDataset> ReceiveResponseAsync(CancellationToken cancellationToken) => responses.ReadAsync(cancellationToken);
}
