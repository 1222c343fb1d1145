namespace Imaging.ServiceDefaults.Health;

/// <summary>Tags that select health checks for an endpoint.</summary>
public static class HealthTags
{
    /// <summary>Checks /health/ready runs: everything the process needs to do its work now.</summary>
    public const string Ready = "ready";
}
