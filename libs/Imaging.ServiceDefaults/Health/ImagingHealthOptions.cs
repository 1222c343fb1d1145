namespace Imaging.ServiceDefaults.Health;

/// <summary>The <c>Health</c> section: thresholds of the readiness checks.</summary>
public sealed class ImagingHealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Readiness fails when the data folder has less free space than this (default 1 GiB): a gateway that cannot
    /// write an instance should not be sent more.</summary>
    public long MinimumFreeBytes { get; set; } = 1L << 30;

    /// <summary>How long one check may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Every problem, one line each; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinimumFreeBytes < 0) problems.Add("Health:MinimumFreeBytes must not be negative.");
        if (CheckTimeout <= TimeSpan.Zero || CheckTimeout > TimeSpan.FromMinutes(1)) problems.Add("Health:CheckTimeout must be between 0 and 1 minute.");
        return problems;
    }
}
