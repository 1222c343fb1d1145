using Imaging.Contracts;
using Imaging.Storage;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>An in-memory <see cref="ISeriesReadinessStore"/>: pending series with deadlines, completions recorded,
/// failures on demand.</summary>
public sealed class FakeSeriesReadinessStore : ISeriesReadinessStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _pending = [];
    private readonly Dictionary<string, int> _versions = [];
    private int _failuresLeft;

    /// <summary>Every SeriesReady produced, with the time it was produced.</summary>
    public List<(SeriesReady Ready, DateTimeOffset At)> Completed { get; } = [];

    public int Calls { get; private set; }

    /// <summary>Called for each completed series inside the "transaction" (a real store adds its outbox row here).</summary>
    public Action<SeriesReady>? OnCompleted { get; set; }

    public void AddPending(string seriesInstanceUid, DateTimeOffset deadline)
    {
        lock (_lock) _pending[seriesInstanceUid] = deadline;
    }

    public void FailNext(int count)
    {
        lock (_lock) _failuresLeft = count;
    }

    public int CompletedCount
    {
        get { lock (_lock) return Completed.Count; }
    }

    public (SeriesReady Ready, DateTimeOffset At) CompletionOf(string seriesInstanceUid)
    {
        lock (_lock) return Completed.Single(c => c.Ready.SeriesInstanceUid == seriesInstanceUid);
    }

    public Task<IReadOnlyList<SeriesReady>> CompleteDueSeriesAsync(DateTimeOffset now, int maximum, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfFailing();
            var due = _pending.Where(p => p.Value <= now).OrderBy(p => p.Value).Take(maximum).ToList();
            var ready = new List<SeriesReady>();
            foreach (var (uid, _) in due)
            {
                _pending.Remove(uid);
                var version = _versions[uid] = _versions.GetValueOrDefault(uid) + 1;
                var message = new SeriesReady("1.2.3", uid, version, 1, now);
                ready.Add(message);
                Completed.Add((message, DateTimeOffset.UtcNow));
                OnCompleted?.Invoke(message);
            }
            return Task.FromResult<IReadOnlyList<SeriesReady>>(ready);
        }
    }

    public Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfFailing();
            return Task.FromResult<DateTimeOffset?>(_pending.Count == 0 ? null : _pending.Values.Min());
        }
    }

    private void ThrowIfFailing()
    {
        Calls++;
        if (_failuresLeft <= 0) return;
        _failuresLeft--;
        throw new TestDatabaseException("database unavailable", transient: false);
    }
}
