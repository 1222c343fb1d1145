using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.ServiceDefaults.Health;

/// <summary>Readiness of a dependency reached through a ping the host supplies (the index store): healthy when the ping
/// completes, unhealthy when it throws.</summary>
public sealed class PingHealthCheck(Func<CancellationToken, Task> ping, string what) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await ping(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{what} answers");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{what} unreachable: {ex.Message}", ex);
        }
    }
}
