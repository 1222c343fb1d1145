namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>The OTLP exporter's settings (<c>Telemetry:Otlp</c>).</summary>
public sealed class OtlpExporterSettings
{
    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>Extra request headers, <c>key=value</c> pairs separated by commas (an API key, a tenant). A secret: give it
    /// through the environment (<c>Telemetry__Otlp__Headers</c>) or a secrets file, never appsettings.json.</summary>
    public string? Headers { get; set; }
}
