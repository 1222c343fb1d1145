using System.Diagnostics.Metrics;

namespace Imaging.Gateway.Priors;

/// <summary>Prior retrieval's instruments (Meter "Imaging.Gateway.Priors"): look-ups, matches, retrievals and failures.</summary>
public static class PriorsMetrics
{
    public const string MeterName = "Imaging.Gateway.Priors";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Queries = Meter.CreateCounter<long>("imaging.priors.queries", "{query}",
        "C-FIND requests sent to prior sources, by source and outcome.");

    public static readonly Counter<long> Matches = Meter.CreateCounter<long>("imaging.priors.matches", "{study}",
        "Studies reported by prior sources, by planning outcome.");

    public static readonly Counter<long> Moves = Meter.CreateCounter<long>("imaging.priors.moves", "{study}",
        "C-MOVE retrievals of prior studies, by source and outcome.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("imaging.priors.failures", "{attempt}",
        "Failed look-up or retrieval attempts, by kind and whether they will be retried.");

    public static readonly Histogram<double> MoveDuration = Meter.CreateHistogram<double>("imaging.priors.move.duration", "s",
        "Time of a whole C-MOVE of one prior study.");
}
