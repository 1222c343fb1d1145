namespace Imaging.Cli.Serve;

/// <summary>Kestrel's connection limits, bound from "Http:Limits" (IMAGING_HTTP__LIMITS__*): what keeps a slow or
/// endless client from holding connections, and the default body cap (an endpoint that takes more, STOW-RS, raises its own).</summary>
internal sealed class HttpLimitsOptions
{
    public const string SectionName = "Http:Limits";

    /// <summary>Longest time a client may take to send the request line and headers (slow-loris).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an idle keep-alive connection stays open.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Cap on the request line plus headers, in bytes.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Cap on the number of request headers.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Largest request body any endpoint reads unless it sets its own cap (STOW-RS does, from DicomWeb:Stow): JSON
    /// bodies beyond it get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Cap on open connections (HTTP/1.1 and HTTP/2 alike).</summary>
    public long MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>Slowest request body a client may send once <see cref="MinRequestBodyGracePeriod"/> has passed, in bytes per second.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RequestHeadersTimeout <= TimeSpan.Zero) problems.Add($"Http:Limits:RequestHeadersTimeout {RequestHeadersTimeout} must be positive");
        if (KeepAliveTimeout <= TimeSpan.Zero) problems.Add($"Http:Limits:KeepAliveTimeout {KeepAliveTimeout} must be positive");
        if (MaxRequestHeadersTotalSize < 1024) problems.Add($"Http:Limits:MaxRequestHeadersTotalSize {MaxRequestHeadersTotalSize} must be at least 1024");
        if (MaxRequestHeaderCount < 1) problems.Add($"Http:Limits:MaxRequestHeaderCount {MaxRequestHeaderCount} must be at least 1");
        if (MaxRequestBodyBytes < 1024) problems.Add($"Http:Limits:MaxRequestBodyBytes {MaxRequestBodyBytes} must be at least 1024");
        if (MaxConcurrentConnections < 1) problems.Add($"Http:Limits:MaxConcurrentConnections {MaxConcurrentConnections} must be at least 1");
        if (MinRequestBodyBytesPerSecond <= 0) problems.Add($"Http:Limits:MinRequestBodyBytesPerSecond {MinRequestBodyBytesPerSecond} must be positive");
        if (MinRequestBodyGracePeriod <= TimeSpan.Zero) problems.Add($"Http:Limits:MinRequestBodyGracePeriod {MinRequestBodyGracePeriod} must be positive");
        return problems;
    }
}
