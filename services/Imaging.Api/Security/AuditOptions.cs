namespace Imaging.Api.Security;

/// <summary>The audit writer's queue (<c>Auth:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Entries waiting for the database; a full queue makes requests wait (nothing is dropped).</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most entries written in one transaction.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Longest a request waits for room in a full queue before the entry goes to the log only (as a critical event).</summary>
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
