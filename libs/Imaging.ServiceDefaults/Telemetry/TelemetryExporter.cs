namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>Where traces, metrics and logs go (<c>Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere (the default): spans and instruments cost almost nothing without a listener.</summary>
    None,

    /// <summary>Spans and metrics written to standard output; for a look on a workstation, not for production.</summary>
    Console,

    /// <summary>OTLP to a collector (<c>Telemetry:Otlp:*</c>): traces, metrics and logs.</summary>
    Otlp,
}
