using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb;

/// <summary>Finds the indexed instances a study, series or instance URL names, checking every UID first and that each
/// level belongs to the one above it.</summary>
internal sealed class DicomWebResources(IStudyQueries queries, IInstanceIndex index, IBlobStore blobs)
{
    public IBlobStore Blobs => blobs;

    /// <summary>The instances in study order (series as the index lists them, instances by number), or a problem.</summary>
    public async Task<(IReadOnlyList<InstanceRecord>? Instances, IResult? Problem)> FindAsync(string study, string? series, string? instance,
        CancellationToken cancellationToken)
    {
        var invalid = InvalidUid(study, "study") ?? (series is null ? null : InvalidUid(series, "series"))
            ?? (instance is null ? null : InvalidUid(instance, "instance"));
        if (invalid is not null) return (null, invalid);

        if (series is null)
        {
            var detail = await queries.GetStudyAsync(study, cancellationToken).ConfigureAwait(false);
            if (detail is null) return (null, ApiProblems.NotFound("study", study));
            var all = new List<InstanceRecord>();
            foreach (var s in detail.Series.OrderBy(s => s.SeriesNumber ?? int.MaxValue).ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal))
            {
                var members = await index.GetSeriesInstancesAsync(s.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
                all.AddRange(members.Where(m => m.StudyInstanceUid == study));
            }
            return all.Count == 0 ? (null, ApiProblems.NotFound("study", study)) : (all, null);
        }

        var instances = (await index.GetSeriesInstancesAsync(series, cancellationToken).ConfigureAwait(false))
            .Where(i => i.StudyInstanceUid == study).ToList();
        if (instances.Count == 0) return (null, ApiProblems.NotFound("series", series));
        if (instance is null) return (instances, null);
        var one = instances.FirstOrDefault(i => i.SopInstanceUid == instance);
        return one is null ? (null, ApiProblems.NotFound("instance", instance)) : ([one], null);
    }

    public string PathOf(InstanceRecord record) => blobs.GetPath(record.BlobKey);

    private static IResult? InvalidUid(string uid, string what) =>
        DicomUidValidator.IsValid(uid) ? null
            : ApiProblems.InvalidParameter(what, $"must be a DICOM UID: digits and single dots, at most {DicomUidValidator.MaximumLength} characters.");
}
