namespace Imaging.ServiceDefaults.Resilience;

/// <summary>Keys of the shared pipelines in <see cref="Polly.Registry.ResiliencePipelineProvider{TKey}"/>.</summary>
public static class ResiliencePipelineNames
{
    /// <summary>Index, outbox and readiness calls: retries transient database errors, then breaks the circuit.</summary>
    public const string Database = "database";

    /// <summary>Publishing to the bus: a timeout per attempt, a few retries, then breaks the circuit.</summary>
    public const string Broker = "broker";
}
