using System.Text.Json.Serialization;
using Imaging.Gateway;

namespace Imaging.Cli.Serve;

/// <summary>Body of GET /health.</summary>
internal sealed record HealthReport(string Status, string Version, string DataDirectory, long? DataFreeBytes, GatewayHealth? Gateway = null)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    /// <summary>Healthy while the data folder exists and the gateway (when given) listens; a folder removed under a running
    /// service is what an operator must hear about.</summary>
    public static HealthReport Probe(string dataDirectory, string version, GatewayHealth? gateway = null)
    {
        if (!Directory.Exists(dataDirectory)) return new HealthReport(Unhealthy, version, dataDirectory, null, gateway);
        long? free;
        try
        {
            free = new DriveInfo(dataDirectory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            free = null;
        }
        return new HealthReport(gateway is { Listening: false } ? Unhealthy : Healthy, version, dataDirectory, free, gateway);
    }
}

/// <summary>Source-generated JSON for the health report (camelCase, as HTTP clients expect).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
