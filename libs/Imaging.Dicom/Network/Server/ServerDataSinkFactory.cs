using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Sends C-STORE data sets to temporary files in the store provider's incoming folder; any other data set
/// (not performed by this SCP) goes to a small capped memory sink and is discarded.</summary>
internal sealed class ServerDataSinkFactory(ICStoreProvider? storeProvider, string callingAETitle, bool durable) : IDimseDataSinkFactory
{
    private const int OtherDataSetCap = 1024 * 1024;

    public async ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, DicomDataset command, CancellationToken cancellationToken)
    {
        if (storeProvider is not null && DimseCommands.GetCommandField(command) == DimseCommandField.CStoreRequest)
        {
            return await CStoreTemporaryFileSink.CreateAsync(storeProvider.IncomingDirectory,
                command.GetSingleString(DimseCommandTags.AffectedSopClassUid),
                command.GetSingleString(Dictionary.DicomTags.AffectedSOPInstanceUID),
                context.TransferSyntax, callingAETitle, durable, cancellationToken).ConfigureAwait(false);
        }
        return new DimseMemoryDataSink(OtherDataSetCap);
    }
}
