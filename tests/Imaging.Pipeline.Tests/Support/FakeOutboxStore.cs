using System.Text.Json;
using Imaging.Storage;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>An in-memory <see cref="IOutboxStore"/> with the contract's lease semantics, a record of every call, and
/// failures on demand.</summary>
public sealed class FakeOutboxStore : IOutboxStore
{
    private readonly Lock _lock = new();
    private readonly List<Row> _rows = [];
    private long _nextId = 1;
    private int _failuresLeft;
    private Exception? _failure;

    private sealed class Row(OutboxMessage message)
    {
        public OutboxMessage Message { get; set; } = message;
        public DateTimeOffset LeasedUntil { get; set; } = DateTimeOffset.MinValue;
        public bool Published { get; set; }
    }

    /// <summary>Ids in the order <see cref="MarkPublishedAsync"/> received them.</summary>
    public List<long> PublishedIds { get; } = [];

    /// <summary>Ids given back, in the order received.</summary>
    public List<long> ReleasedIds { get; } = [];

    public int ClaimCalls { get; private set; }

    /// <summary>Adds a row carrying <paramref name="message"/> serialized as the ingest path does (web JSON defaults).</summary>
    public long Add<T>(T message) where T : notnull => AddRaw(typeof(T).FullName!, JsonSerializer.Serialize(message, JsonSerializerOptions.Web));

    public long AddRaw(string messageType, string payload)
    {
        lock (_lock)
        {
            var id = _nextId++;
            _rows.Add(new Row(new OutboxMessage(id, messageType, payload, DateTimeOffset.UtcNow, 0)));
            return id;
        }
    }

    /// <summary>The next <paramref name="count"/> calls (any method) throw <paramref name="failure"/>.</summary>
    public void FailNext(int count, Exception failure)
    {
        lock (_lock)
        {
            _failuresLeft = count;
            _failure = failure;
        }
    }

    public IReadOnlyList<long> Snapshot(Func<long, bool>? filter = null)
    {
        lock (_lock) return [.. _rows.Where(r => !r.Published).Select(r => r.Message.Id).Where(id => filter?.Invoke(id) ?? true)];
    }

    public int AttemptsOf(long id)
    {
        lock (_lock) return _rows.Single(r => r.Message.Id == id).Message.Attempts;
    }

    public bool IsPublished(long id)
    {
        lock (_lock) return _rows.Single(r => r.Message.Id == id).Published;
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maximum, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ClaimCalls++;
            ThrowIfFailing();
            var now = DateTimeOffset.UtcNow;
            var claimed = _rows.Where(r => !r.Published && r.LeasedUntil <= now).OrderBy(r => r.Message.Id).Take(maximum).ToList();
            foreach (var row in claimed) row.LeasedUntil = now + lease;
            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. claimed.Select(r => r.Message)]);
        }
    }

    public Task MarkPublishedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfFailing();
            foreach (var id in ids)
            {
                _rows.Single(r => r.Message.Id == id).Published = true;
                PublishedIds.Add(id);
            }
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfFailing();
            foreach (var id in ids)
            {
                var row = _rows.Single(r => r.Message.Id == id);
                row.LeasedUntil = DateTimeOffset.MinValue;
                row.Message = row.Message with { Attempts = row.Message.Attempts + 1 };
                ReleasedIds.Add(id);
            }
        }
        return Task.CompletedTask;
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult((long)_rows.Count(r => !r.Published));
    }

    public override string ToString()
    {
        lock (_lock) return $"published [{string.Join(',', PublishedIds)}], released [{string.Join(',', ReleasedIds)}], claims {ClaimCalls}, pending {_rows.Count(r => !r.Published)}";
    }

    private void ThrowIfFailing()
    {
        if (_failuresLeft <= 0) return;
        _failuresLeft--;
        throw _failure!;
    }
}
