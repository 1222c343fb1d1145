using System.Collections.Concurrent;
using Imaging.Storage;

namespace Imaging.Api.Tests.Security;

/// <summary>An <see cref="IAuditLog"/> in memory, for hosts whose store is the fake; the real stores are tested in
/// Imaging.Storage.Tests.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();
    private long _nextId;

    /// <summary>Every entry written, in order.</summary>
    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries) _entries.Enqueue(entry with { Id = Interlocked.Increment(ref _nextId) });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        IReadOnlyList<AuditEntry> result = [.. _entries
            .Where(e => (query.PatientId is null || e.PatientId == query.PatientId) && (query.UserName is null || e.UserName == query.UserName)
                && (query.From is null || e.At >= query.From) && (query.To is null || e.At < query.To))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(query.Offset).Take(query.Limit)];
        return Task.FromResult(result);
    }
}
