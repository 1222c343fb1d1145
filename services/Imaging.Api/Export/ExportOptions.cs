namespace Imaging.Api.Export;

/// <summary>The <c>Export</c> configuration section: where research export jobs write, how many run, how long outputs stay.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>Folder of the job outputs (<c>&lt;id&gt;.zip</c>); default <c>&lt;data&gt;/exports</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>Exports run at the same time on this node (default 1: an export saturates the disk and a core on its own).</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Jobs waiting on this node before new ones are refused with 503 (default 16).</summary>
    public int MaxQueuedJobs { get; set; } = 16;

    /// <summary>Days a finished job and its output are kept (default 7).</summary>
    public double RetentionDays { get; set; } = 7;

    /// <summary>How often expired outputs are looked for (default one hour).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a running job's progress is written to the store (default one second).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>This API node's name in the job rows: after a restart a node fails only its own interrupted jobs. Default: the
    /// machine name; set it when several API processes share a machine and a database.</summary>
    public string? NodeName { get; set; }

    /// <summary>The profile used when a request names none.</summary>
    public string DefaultProfile { get; set; } = ExportRequestRules.DefaultProfile;

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxConcurrentJobs is < 1 or > 64) problems.Add($"Export:MaxConcurrentJobs {MaxConcurrentJobs} is outside 1-64");
        if (MaxQueuedJobs is < 1 or > 10_000) problems.Add($"Export:MaxQueuedJobs {MaxQueuedJobs} is outside 1-10000");
        if (!(RetentionDays > 0) || RetentionDays > 3650) problems.Add($"Export:RetentionDays {RetentionDays} is outside (0, 3650]");
        if (RetentionSweepInterval < TimeSpan.FromSeconds(1)) problems.Add("Export:RetentionSweepInterval must be at least one second");
        if (ProgressInterval < TimeSpan.FromMilliseconds(10)) problems.Add("Export:ProgressInterval must be at least 10 ms");
        try
        {
            Imaging.Deidentification.DeidentificationOptions.Parse(DefaultProfile ?? "");
        }
        catch (FormatException ex)
        {
            problems.Add($"Export:DefaultProfile: {ex.Message}");
        }
        return problems;
    }
}
