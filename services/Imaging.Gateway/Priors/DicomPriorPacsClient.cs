using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Gateway.Priors;

/// <summary>Prior retrieval's DIMSE calls through our <see cref="DicomClient"/>, with the source's timeout on every network wait.</summary>
public sealed class DicomPriorPacsClient : IPriorPacsClient
{
    public async IAsyncEnumerable<DicomDataset> FindAsync(PriorSourceOptions source, string callingAeTitle, QueryRetrieveLevel level, DicomDataset identifier,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var client = new DicomClient(Options(source, callingAeTitle));
        await foreach (var match in client.FindAsync(level, QueryInformationModel.StudyRoot, identifier, cancellationToken).ConfigureAwait(false))
            yield return match;
    }

    public Task<CRetrieveResult> MoveStudyAsync(PriorSourceOptions source, string callingAeTitle, string destinationAeTitle, string studyInstanceUid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var identifier = new DicomDataset();
        identifier.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, studyInstanceUid);
        return new DicomClient(Options(source, callingAeTitle)).MoveAsync(destinationAeTitle, QueryRetrieveLevel.Study, identifier,
            QueryInformationModel.StudyRoot, cancellationToken);
    }

    private static DicomClientOptions Options(PriorSourceOptions source, string callingAeTitle) => new()
    {
        Host = source.Host,
        Port = source.Port,
        CalledAETitle = source.AeTitle,
        CallingAETitle = callingAeTitle,
        ConnectTimeout = source.Timeout,
        AssociationTimeout = source.Timeout,
        DimseTimeout = source.Timeout,
    };
}
