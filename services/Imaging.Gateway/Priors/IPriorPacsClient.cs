using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Gateway.Priors;

/// <summary>The DIMSE calls prior retrieval makes to a source (a seam for tests; <see cref="DicomPriorPacsClient"/> in production).</summary>
public interface IPriorPacsClient
{
    /// <summary>Study Root C-FIND at <paramref name="level"/>; each Pending identifier in turn.</summary>
    IAsyncEnumerable<DicomDataset> FindAsync(PriorSourceOptions source, string callingAeTitle, QueryRetrieveLevel level, DicomDataset identifier,
        CancellationToken cancellationToken);

    /// <summary>Study Root C-MOVE of one study to <paramref name="destinationAeTitle"/>.</summary>
    Task<CRetrieveResult> MoveStudyAsync(PriorSourceOptions source, string callingAeTitle, string destinationAeTitle, string studyInstanceUid,
        CancellationToken cancellationToken);
}
