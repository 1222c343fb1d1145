using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Storage;

namespace Imaging.Worker;

/// <summary>Referenced image series from the index and blob store: each series the request names, in order, when it has
/// instances; else (with study queries) the first other CT or MR series of the same study whose first readable instance
/// has the request's Frame of Reference.</summary>
public sealed class StoreReferencedSeriesSource(IInstanceIndex index, IBlobStore blobs, IStudyQueries? queries = null) : IReferencedSeriesSource
{
    /// <summary>Modalities a derived object can be measured on; SEG, SR, KO, PR and the like are other derived objects.</summary>
    private static readonly string[] ImageModalities = ["CT", "MR"];

    public async Task<SeriesInput?> FindAsync(ReferencedSeriesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var uid in request.SeriesInstanceUids.Distinct(StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(uid) || uid == request.RequestingSeriesInstanceUid) continue;
            var instances = await index.GetSeriesInstancesAsync(uid, cancellationToken).ConfigureAwait(false);
            if (instances.Count > 0) return Extract(instances, cancellationToken);
        }

        if (queries is null || string.IsNullOrEmpty(request.FrameOfReferenceUid) || string.IsNullOrEmpty(request.StudyInstanceUid)) return null;
        var study = await queries.GetStudyAsync(request.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
        if (study is null) return null;
        foreach (var series in study.Series)
        {
            if (series.SeriesInstanceUid == request.RequestingSeriesInstanceUid
                || !ImageModalities.Contains(series.Modality.Trim(), StringComparer.OrdinalIgnoreCase)) continue;
            var instances = await index.GetSeriesInstancesAsync(series.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
            if (FrameOfReferenceOf(blobs, instances) == request.FrameOfReferenceUid) return Extract(instances, cancellationToken);
        }
        return null;
    }

    private SeriesInput Extract(IReadOnlyList<InstanceRecord> instances, CancellationToken cancellationToken) =>
        SeriesMetadataExtractor.Extract(instances.Select(i => IndexedInstanceFile.Locate(blobs, i)), cancellationToken);

    /// <summary>The Frame of Reference UID of the first instance whose header reads and has one.</summary>
    internal static string? FrameOfReferenceOf(IBlobStore blobs, IReadOnlyList<InstanceRecord> instances)
    {
        foreach (var instance in instances)
        {
            try
            {
                var uid = IndexedInstanceFile.Locate(blobs, instance).ReadHeader().Dataset.GetSingleString(DicomTags.FrameOfReferenceUID)?.Trim();
                if (!string.IsNullOrEmpty(uid)) return uid;
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException)
            {
                // The next instance may be readable; a series none of whose headers read is no match.
            }
        }
        return null;
    }
}
