using System.Text.Json.Serialization;
using Imaging.Gateway;
using Imaging.Storage;

namespace Imaging.Cli.Serve;

/// <summary>Body of GET /health.</summary>
/// <param name="Database"><c>ok</c>, or why the index database cannot be reached.</param>
/// <param name="OutboxPending">Messages not yet published: it grows while the broker is down and drains when it returns.</param>
internal sealed record HealthReport(string Status, string Version, string Role, string DataDirectory, long? DataFreeBytes, string Database,
    long? OutboxPending, GatewayHealth? Gateway = null)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    /// <summary>How long the database may take to answer the health probe.</summary>
    private static readonly TimeSpan DatabaseProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Healthy while the data folder exists, the index database answers and the gateway (when this process runs
    /// it) listens. A broker that is down is not unhealthy: the gateway keeps accepting and its outbox grows.</summary>
    public static async Task<HealthReport> ProbeAsync(string dataDirectory, string version, string role, GatewayHealth? gateway, IImagingStore store,
        CancellationToken cancellationToken)
    {
        string database;
        long? pending = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseProbeTimeout);
        try
        {
            await store.PingAsync(timeout.Token).ConfigureAwait(false);
            pending = await store.CountPendingAsync(timeout.Token).ConfigureAwait(false);
            database = "ok";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            database = ex is OperationCanceledException ? "no answer within 3 s" : ex.Message;
        }
        var folder = Directory.Exists(dataDirectory);
        var healthy = folder && database == "ok" && gateway is not { Listening: false };
        return new HealthReport(healthy ? Healthy : Unhealthy, version, role, dataDirectory, folder ? FreeBytes(dataDirectory) : null, database, pending, gateway);
    }

    public static long? FreeBytes(string dataDirectory)
    {
        try
        {
            return new DriveInfo(dataDirectory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Source-generated JSON for the health report (camelCase, as HTTP clients expect).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
