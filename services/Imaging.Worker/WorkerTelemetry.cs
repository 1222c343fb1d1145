using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imaging.Worker;

/// <summary>The worker's spans and instruments (source and meter <c>Imaging.Worker</c>): one <c>analysis</c> span per
/// analyzer run and one <c>findings write</c> span, both children of MassTransit's consume span, so they sit in the trace
/// the SeriesReady publish started. Tags hold UIDs, analyzer names and versions only, never patient data.</summary>
public static class WorkerTelemetry
{
    public const string Name = "Imaging.Worker";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> AnalysisDuration = Meter.CreateHistogram<double>("imaging.worker.analysis.duration", "s",
        "Time one analyzer took on one series, by analyzer, version and outcome.");

    public static readonly Counter<long> FindingsStored = Meter.CreateCounter<long>("imaging.worker.findings.stored", "{findings}",
        "Findings records written (not counting duplicates of a redelivery), by analyzer.");
}
