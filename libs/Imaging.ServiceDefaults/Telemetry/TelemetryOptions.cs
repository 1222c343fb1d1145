namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>The <c>Telemetry</c> section: which exporter, and its settings. Off unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Longest header string accepted: headers travel with every export request.</summary>
    public const int MaximumHeadersLength = 4096;

    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    public OtlpExporterSettings Otlp { get; set; } = new();

    /// <summary>Every problem, one line each; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Exporter)) problems.Add($"Telemetry:Exporter '{Exporter}' is not none, console or otlp.");
        if (Exporter == TelemetryExporter.Otlp)
        {
            if (Otlp.Endpoint is null || !Otlp.Endpoint.IsAbsoluteUri || Otlp.Endpoint.Scheme is not ("http" or "https"))
                problems.Add("Telemetry:Otlp:Endpoint must be an absolute http(s) URI when Telemetry:Exporter is otlp.");
            if (!IsKnownProtocol(Otlp.Protocol)) problems.Add($"Telemetry:Otlp:Protocol '{Otlp.Protocol}' is not grpc or http/protobuf.");
        }
        if (Otlp.Headers is { Length: > MaximumHeadersLength }) problems.Add($"Telemetry:Otlp:Headers is longer than {MaximumHeadersLength} characters.");
        else if (Otlp.Headers is { Length: > 0 } headers && !HeadersAreWellFormed(headers))
            problems.Add("Telemetry:Otlp:Headers must be key=value pairs separated by commas.");
        return problems;
    }

    internal static bool IsKnownProtocol(string? protocol) => protocol is "grpc" or "http/protobuf";

    private static bool HeadersAreWellFormed(string headers)
    {
        foreach (var pair in headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || pair.AsSpan(0, equals).ContainsAny("\r\n")) return false;
        }
        return true;
    }
}
