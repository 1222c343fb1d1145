using System.Diagnostics.Metrics;

namespace Imaging.Worker.Refresh;

/// <summary>The prior refresh's instruments (Meter "Imaging.Worker.Refresh").</summary>
public static class RefreshMetrics
{
    public const string MeterName = "Imaging.Worker.Refresh";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Reopened = Meter.CreateCounter<long>("imaging.worker.refresh.reopened", "{series}",
        "Series sent round the analysis again because a newer prior's findings were kept.");
}
