namespace Imaging.Gateway.Pipeline;

/// <summary>Settings of the outbox relay, bound from <c>Pipeline:OutboxRelay</c>.</summary>
public sealed class OutboxRelayOptions
{
    public const string SectionName = "Pipeline:OutboxRelay";

    /// <summary>Rows claimed per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Publishes awaiting the broker's confirmation at once. One publish at a time costs a broker round trip and
    /// a quorum commit per row (about 360 rows/s on loopback); pipelining them shares those. Two versions of one
    /// series' SeriesReady are never in flight together, so they still arrive in order.</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>How long claimed rows stay reserved for this relay; after a crash another relay (or this one, restarted)
    /// takes them over once it expires. Comfortably longer than publishing a batch takes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fallback poll when no <see cref="IOutboxNotifier.Notify"/> arrives (rows written by another gateway, a
    /// notification lost in a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait after a failed round (broker or database); doubles up to <see cref="MaximumBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between attempts while the broker or database is down: also the longest delay before the
    /// outbox starts draining once it is back.</summary>
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with these options, one line each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BatchSize < 1) problems.Add($"{SectionName}:BatchSize {BatchSize} must be at least 1");
        if (MaxInFlight is < 1 or > 1024) problems.Add($"{SectionName}:MaxInFlight {MaxInFlight} must be within 1..1024");
        if (Lease <= TimeSpan.Zero) problems.Add($"{SectionName}:Lease must be positive");
        if (PollInterval <= TimeSpan.Zero) problems.Add($"{SectionName}:PollInterval must be positive");
        if (InitialBackoff <= TimeSpan.Zero || MaximumBackoff < InitialBackoff)
            problems.Add($"{SectionName}: InitialBackoff must be positive and at most MaximumBackoff");
        return problems;
    }
}
