using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imaging.Export;

/// <summary>The export's traces and metrics, named "Imaging.Export" for the hosts' OpenTelemetry set-up to pick up.</summary>
public static class ExportTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "Imaging.Export";

    internal static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Instances handled, tagged outcome=exported|quarantined|failed.</summary>
    internal static readonly Counter<long> Instances = Meter.CreateCounter<long>("imaging.export.instances", "{instance}",
        "Instances handled by research exports, by outcome.");

    /// <summary>DICOM bytes written.</summary>
    internal static readonly Counter<long> Bytes = Meter.CreateCounter<long>("imaging.export.bytes", "By", "DICOM bytes written by research exports.");

    /// <summary>Whole exports, tagged status=completed|failed|cancelled.</summary>
    internal static readonly Counter<long> Exports = Meter.CreateCounter<long>("imaging.export.runs", "{export}", "Research exports run, by status.");
}
