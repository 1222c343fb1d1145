using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>A C-FIND provider over instance headers held in memory, grouped into patient, study, series and image records.</summary>
/// <remarks>
/// A record above the image level is the header of one of its instances with the attributes of the lower levels' unique
/// keys removed, plus the counts and Modalities in Study computed over the group (PS3.4 C.6.1.1); attributes that vary
/// within a group therefore match on that representative instance. Adding is thread-safe; queries run on a snapshot.
/// </remarks>
public sealed class InMemoryQueryIndex : ICFindProvider, ICMoveProvider, ICGetProvider
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IndexedInstance> _instances = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_gate) return _instances.Count; }
    }

    /// <summary>Whether an instance with this SOP Instance UID is indexed.</summary>
    public bool Contains(string sopInstanceUid)
    {
        lock (_gate) return _instances.ContainsKey(sopInstanceUid);
    }

    /// <summary>Adds or replaces (by SOP Instance UID) an instance.</summary>
    /// <returns>False when the header lacks a study, series or instance UID.</returns>
    public bool Add(DicomDataset header, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var instance = new IndexedInstance(header, filePath);
        if (instance.SopInstanceUid is not { } uid
            || header.GetSingleString(DicomTags.StudyInstanceUID) is null
            || header.GetSingleString(DicomTags.SeriesInstanceUID) is null)
            return false;
        // Adding stays O(1) so that loading a large store is linear; each query copies a snapshot instead.
        lock (_gate) _instances[uid] = instance;
        return true;
    }

    public async IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scanned = 0;
        foreach (var record in Records(request.Level))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DicomQueryMatcher.Matches(request.Identifier, record)) yield return record;
            // Matching is CPU work: give the thread back now and then so a long scan does not hog it.
            if (++scanned % 256 == 0) await Task.Yield();
        }
    }

    /// <summary>The files of the matching instances that were added with a path.</summary>
    public ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> files = [.. FindInstances(request.Level, request.Identifier).Select(i => i.FilePath).OfType<string>()];
        return ValueTask.FromResult(files);
    }

    /// <summary>The instances under the records matching <paramref name="identifier"/> at <paramref name="level"/>,
    /// for C-MOVE and C-GET.</summary>
    public IReadOnlyList<IndexedInstance> FindInstances(QueryRetrieveLevel level, DicomDataset identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var snapshot = Snapshot();
        var key = level.UniqueKey();
        var matched = Records(level, snapshot).Where(r => DicomQueryMatcher.Matches(identifier, r))
            .Select(r => r.GetSingleString(key)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return snapshot.Where(i => i.Header.GetSingleString(key) is { } value && matched.Contains(value)).ToList();
    }

    private IndexedInstance[] Snapshot()
    {
        lock (_gate) return [.. _instances.Values];
    }

    private IEnumerable<DicomDataset> Records(QueryRetrieveLevel level) => Records(level, Snapshot());

    private static IEnumerable<DicomDataset> Records(QueryRetrieveLevel level, IndexedInstance[] instances)
    {
        if (level == QueryRetrieveLevel.Image)
        {
            foreach (var instance in instances) yield return instance.Header;
            yield break;
        }
        var key = level.UniqueKey();
        foreach (var group in instances.GroupBy(i => i.Header.GetSingleString(key) ?? "", StringComparer.Ordinal))
        {
            var members = group.ToList();
            var record = new DicomDataset(members[0].Header.Where(a => !IsBelow(a.Tag, level)));
            AddComputedAttributes(record, level, members);
            yield return record;
        }
    }

    private static bool IsBelow(DicomTag tag, QueryRetrieveLevel level)
    {
        for (var below = level + 1; below <= QueryRetrieveLevel.Image; below++)
        {
            if (below.UniqueKey() == tag) return true;
        }
        return false;
    }

    private static void AddComputedAttributes(DicomDataset record, QueryRetrieveLevel level, List<IndexedInstance> members)
    {
        static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var series = members.Select(m => m.Header.GetSingleString(DicomTags.SeriesInstanceUID)).Distinct(StringComparer.Ordinal).Count();
        var studies = members.Select(m => m.Header.GetSingleString(DicomTags.StudyInstanceUID)).Distinct(StringComparer.Ordinal).Count();
        switch (level)
        {
            case QueryRetrieveLevel.Patient:
                record.SetString(DicomTags.NumberOfPatientRelatedStudies, DicomVR.IS, Count(studies));
                record.SetString(DicomTags.NumberOfPatientRelatedSeries, DicomVR.IS, Count(series));
                record.SetString(DicomTags.NumberOfPatientRelatedInstances, DicomVR.IS, Count(members.Count));
                break;
            case QueryRetrieveLevel.Study:
                record.SetString(DicomTags.NumberOfStudyRelatedSeries, DicomVR.IS, Count(series));
                record.SetString(DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, Count(members.Count));
                var modalities = members.Select(m => m.Header.GetSingleString(DicomTags.Modality)).OfType<string>()
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (modalities.Length > 0) record.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, modalities);
                break;
            case QueryRetrieveLevel.Series:
                record.SetString(DicomTags.NumberOfSeriesRelatedInstances, DicomVR.IS, Count(members.Count));
                break;
        }
    }
}
