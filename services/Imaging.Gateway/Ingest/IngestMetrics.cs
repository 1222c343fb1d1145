using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imaging.Gateway.Ingest;

/// <summary>The gateway's ingest instruments (Meter "Imaging.Gateway"): what was kept, what was refused, and how long
/// each step took, so a slow disk can be told from a slow database.</summary>
public static class IngestMetrics
{
    public const string MeterName = "Imaging.Gateway";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> InstancesStored = Meter.CreateCounter<long>("imaging.gateway.instances.stored", "{instance}",
        "Instances kept in the blob store and committed to the index.");

    public static readonly Counter<long> InstancesRefused = Meter.CreateCounter<long>("imaging.gateway.instances.refused", "{instance}",
        "C-STOREs answered with a failure status, by status.");

    public static readonly Histogram<double> BlobDuration = Meter.CreateHistogram<double>("imaging.gateway.blob.duration", "s",
        "Time to rename a received instance into the blob store and make its name durable (its data was fdatasync'd by the receiving sink).");

    public static readonly Histogram<double> IndexDuration = Meter.CreateHistogram<double>("imaging.gateway.index.duration", "s",
        "Time to commit an instance and its outbox row to the index.");
}
