namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>Names of the telemetry sources every service exports.</summary>
/// <remarks>Each component creates its own <see cref="System.Diagnostics.ActivitySource"/> and
/// <see cref="System.Diagnostics.Metrics.Meter"/> named <c>Imaging.Something</c>; the wildcard picks them all up, so a
/// new component needs no change here.</remarks>
public static class ImagingTelemetry
{
    /// <summary>Matches every activity source and meter of ours (<c>Imaging.Pipeline</c>, <c>Imaging.Gateway</c>, ...).</summary>
    public const string SourceWildcard = "Imaging.*";

    /// <summary>MassTransit's activity source and meter (its <c>DiagnosticHeaders.DefaultListenerName</c>).</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>The configuration key OpenTelemetry's OTLP exporter reads; without it nothing is exported.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
