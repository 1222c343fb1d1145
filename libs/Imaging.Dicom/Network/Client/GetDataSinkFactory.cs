namespace Imaging.Dicom.Network;

/// <summary>For a C-GET requestor: incoming C-STORE data sets stream to Part 10 files in a folder's incoming area;
/// responses (identifiers) stay in capped memory.</summary>
internal sealed class GetDataSinkFactory(string incomingDirectory, string calledAETitle, int memoryCap) : IDimseDataSinkFactory
{
    public async ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, Data.DicomDataset command, CancellationToken cancellationToken)
    {
        if (DimseCommands.GetCommandField(command) == DimseCommandField.CStoreRequest)
        {
            return await CStoreTemporaryFileSink.CreateAsync(incomingDirectory, command.GetSingleString(DimseCommandTags.AffectedSopClassUid),
                command.GetSingleString(Dictionary.DicomTags.AffectedSOPInstanceUID), context.TransferSyntax, calledAETitle, cancellationToken).ConfigureAwait(false);
        }
        return new DimseMemoryDataSink(memoryCap);
    }
}
