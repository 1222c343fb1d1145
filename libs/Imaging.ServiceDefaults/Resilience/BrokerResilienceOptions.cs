namespace Imaging.ServiceDefaults.Resilience;

/// <summary>The "broker" pipeline, bound from <c>Resilience:Broker</c>.</summary>
public sealed class BrokerResilienceOptions
{
    public const string SectionName = "Resilience:Broker";

    /// <summary>Longest wait for one publish and its confirmation; a bus waiting for a broker that is down would
    /// otherwise wait for as long as the outage lasts.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (few: the outbox relay retries whole batches with its own backoff).</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    public int MinimumThroughput { get; set; } = 5;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
