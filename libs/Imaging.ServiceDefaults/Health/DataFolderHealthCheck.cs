using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.ServiceDefaults.Health;

/// <summary>Readiness of the data folder: it exists, a probe file can be written, flushed and deleted in it, and the free
/// space is above <see cref="ImagingHealthOptions.MinimumFreeBytes"/>.</summary>
public sealed class DataFolderHealthCheck(string dataDirectory, ImagingHealthOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object> { ["directory"] = dataDirectory };
        if (!Directory.Exists(dataDirectory)) return new HealthCheckResult(context.Registration.FailureStatus, "the data folder does not exist", data: data);
        long free;
        try
        {
            free = new DriveInfo(dataDirectory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"free space unknown: {ex.Message}", data: data);
        }
        data["freeBytes"] = free;
        data["minimumFreeBytes"] = options.MinimumFreeBytes;
        if (free < options.MinimumFreeBytes)
            return new HealthCheckResult(context.Registration.FailureStatus, $"{free} bytes free, below the {options.MinimumFreeBytes} required", data: data);

        // A unique name: several processes (gateways sharing a volume) probe the same folder at once.
        var probe = Path.Combine(dataDirectory, $".health-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(probe, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
            }))
            {
                await stream.WriteAsync(new byte[] { 1 }, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            return HealthCheckResult.Healthy("writable", data);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"not writable: {ex.Message}", data: data);
        }
    }
}
