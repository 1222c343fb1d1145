using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imaging.Gateway.Pipeline;

/// <summary>Traces and metrics of the outbox relay and series assembler (source and meter <c>Imaging.Pipeline</c>,
/// exported by ServiceDefaults' <c>Imaging.*</c> wildcard).</summary>
internal static class PipelineTelemetry
{
    public const string Name = "Imaging.Pipeline";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("imaging.outbox.published", "{message}",
        "Outbox messages the broker confirmed.");

    public static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>("imaging.outbox.publish_failures", "{batch}",
        "Batches given back to the outbox because the broker failed.");

    public static readonly Counter<long> Unpublishable = Meter.CreateCounter<long>("imaging.outbox.unpublishable", "{message}",
        "Outbox rows left alone: unknown message type or unreadable payload.");

    public static readonly Histogram<double> OutboxDelay = Meter.CreateHistogram<double>("imaging.outbox.delay", "ms",
        "From the outbox row's creation to the broker's confirmation.");

    public static readonly Counter<long> SeriesReady = Meter.CreateCounter<long>("imaging.series.ready", "{series}",
        "Series the assembler found quiet and announced.");

    // The last sample of OutboxBacklogSampler; null until the first (or after a failed one): no value rather than a stale one.
    private static (long Pending, double LagSeconds)? _backlog;

    public static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge("imaging.outbox.backlog",
        () => _backlog is { } sample ? [new Measurement<long>(sample.Pending)] : Array.Empty<Measurement<long>>(), "{message}",
        "Outbox rows not yet published (grows while the broker is down).");

    public static readonly ObservableGauge<double> Lag = Meter.CreateObservableGauge("imaging.outbox.lag",
        () => _backlog is { } sample ? [new Measurement<double>(sample.LagSeconds)] : Array.Empty<Measurement<double>>(), "s",
        "Age of the oldest unpublished outbox row; 0 when the outbox is empty.");

    internal static void SetBacklog(long pending, double lagSeconds) => _backlog = (pending, lagSeconds);

    internal static void ClearBacklog() => _backlog = null;
}
