namespace Imaging.ServiceDefaults.Resilience;

/// <summary>The "database" pipeline, bound from <c>Resilience:Database</c>.</summary>
public sealed class DatabaseResilienceOptions
{
    public const string SectionName = "Resilience:Database";

    /// <summary>Retries after the first attempt; bounded so a caller (an association waiting for its C-STORE-RSP) is
    /// never held for long.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Median first delay of the jittered exponential backoff.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>No single backoff is longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls within <see cref="SamplingDuration"/> before the ratio is trusted.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit fails calls at once before letting one through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
