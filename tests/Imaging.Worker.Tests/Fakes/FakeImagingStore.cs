using Imaging.Storage;

namespace Imaging.Worker.Tests.Fakes;

/// <summary>An in-memory index, findings store and study queries with the interfaces' documented semantics, and a way
/// to make the database look unreachable for a while.</summary>
public sealed class FakeImagingStore : IInstanceIndex, IFindingsStore, IStudyQueries
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Series, string Analyzer, string Version), FindingsRecord> _findings = [];
    private readonly Dictionary<string, (string State, int ReadyVersion)> _seriesStates = new(StringComparer.Ordinal);
    private int _failuresLeft;

    /// <summary>Calls of <see cref="GetSeriesInstancesAsync"/>, failed ones included.</summary>
    public int InstanceQueries { get; private set; }

    /// <summary>The next <paramref name="count"/> instance queries throw, as a dropped database connection would.</summary>
    public void FailNextInstanceQueries(int count)
    {
        lock (_gate) _failuresLeft = count;
    }

    public void Add(InstanceRecord instance)
    {
        lock (_gate) _instances[instance.SopInstanceUid] = instance;
    }

    /// <summary>Sets what <see cref="GetSeriesAsync"/> reports as the series' state (default: ready, version 1).</summary>
    public void SetSeriesState(string seriesInstanceUid, string state, int readyVersion)
    {
        lock (_gate) _seriesStates[seriesInstanceUid] = (state, readyVersion);
    }

    public IReadOnlyList<FindingsRecord> AllFindings()
    {
        lock (_gate) return [.. _findings.Values];
    }

    public Task<RecordedInstance> RecordInstanceAsync(InstanceRecord instance, TimeSpan quietTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var replaced = _instances.ContainsKey(instance.SopInstanceUid);
            _instances[instance.SopInstanceUid] = instance;
            return Task.FromResult(new RecordedInstance(replaced, _seriesStates.GetValueOrDefault(instance.SeriesInstanceUid).ReadyVersion));
        }
    }

    public Task<IReadOnlyList<PendingInstance>> GetPendingSeriesInstancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingInstance>>([]);

    public Task<int> RemoveInstancesAsync(IReadOnlyCollection<PendingInstance> instances, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<IReadOnlyList<InstanceRecord>> GetSeriesInstancesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            InstanceQueries++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new TimeoutException("The database did not answer (simulated).");
            }
            IReadOnlyList<InstanceRecord> list = [.. _instances.Values
                .Where(i => i.SeriesInstanceUid == seriesInstanceUid)
                .OrderBy(i => i.InstanceNumber ?? int.MaxValue).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    public Task<bool> SaveFindingsAsync(FindingsRecord findings, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (findings.SeriesInstanceUid, findings.Analyzer, findings.AnalyzerVersion);
            if (_findings.TryGetValue(key, out var existing) && existing.ReadyVersion >= findings.ReadyVersion) return Task.FromResult(false);
            _findings[key] = findings;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<FindingsRecord>> GetFindingsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<FindingsRecord> list = [.. _findings.Values.Where(f => f.SeriesInstanceUid == seriesInstanceUid)
                .OrderBy(f => f.Analyzer, StringComparer.Ordinal).ThenBy(f => f.AnalyzerVersion, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    /// <summary>The last query the API passed, so tests can check how parameters were parsed.</summary>
    public StudyQuery? LastQuery { get; private set; }

    public Task<IReadOnlyList<StudySummary>> QueryStudiesAsync(StudyQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LastQuery = query;
            IReadOnlyList<StudySummary> list = [.. Studies()
                .Where(s => query.PatientId is null || s.PatientId == query.PatientId)
                .Where(s => query.Modality is null || s.Modalities.Contains(query.Modality))
                .Where(s => query.From is null || (s.StudyDate is not null && string.CompareOrdinal(s.StudyDate, query.From.Value.ToString("yyyyMMdd")) >= 0))
                .Where(s => query.To is null || (s.StudyDate is not null && string.CompareOrdinal(s.StudyDate, query.To.Value.ToString("yyyyMMdd")) <= 0))
                .OrderBy(s => s.StudyInstanceUid, StringComparer.Ordinal)
                .Skip(query.Offset).Take(query.Limit)];
            return Task.FromResult(list);
        }
    }

    public Task<StudyDetail?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var study = Studies().FirstOrDefault(s => s.StudyInstanceUid == studyInstanceUid);
            if (study is null) return Task.FromResult<StudyDetail?>(null);
            var first = _instances.Values.First(i => i.StudyInstanceUid == studyInstanceUid);
            var series = _instances.Values.Where(i => i.StudyInstanceUid == studyInstanceUid).Select(i => i.SeriesInstanceUid).Distinct()
                .Order(StringComparer.Ordinal).Select(Series).ToArray();
            return Task.FromResult<StudyDetail?>(new StudyDetail(study, first.PatientBirthDate, first.PatientSex, series));
        }
    }

    public Task<SeriesSummary?> GetSeriesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_instances.Values.Any(i => i.SeriesInstanceUid == seriesInstanceUid) ? Series(seriesInstanceUid) : null);
    }

    private IEnumerable<StudySummary> Studies() =>
        _instances.Values.GroupBy(i => i.StudyInstanceUid).Select(g =>
        {
            var first = g.First();
            return new StudySummary(g.Key, first.PatientId, first.PatientName, first.StudyDate, first.StudyDescription, first.AccessionNumber,
                [.. g.Select(i => i.Modality).Distinct().Order(StringComparer.Ordinal)], g.Select(i => i.SeriesInstanceUid).Distinct().Count(), g.Count());
        });

    private SeriesSummary Series(string seriesInstanceUid)
    {
        var instances = _instances.Values.Where(i => i.SeriesInstanceUid == seriesInstanceUid).ToArray();
        var first = instances[0];
        var (state, readyVersion) = _seriesStates.TryGetValue(seriesInstanceUid, out var s) ? s : ("ready", 1);
        return new SeriesSummary(seriesInstanceUid, first.Modality, first.SeriesNumber, first.SeriesDescription, first.BodyPartExamined,
            instances.Length, state, readyVersion);
    }
}
