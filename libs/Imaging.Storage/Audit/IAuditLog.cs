namespace Imaging.Storage;

/// <summary>The audit log of accesses to patient data: appended to by the API's middleware, read by administrators.</summary>
public interface IAuditLog
{
    /// <summary>Writes <paramref name="entries"/> durably, all or none; their <see cref="AuditEntry.Id"/> is ignored.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>The entries matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}
