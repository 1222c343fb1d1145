namespace Imaging.Export;

/// <summary>Limits of the export runner, bound from the "Export:Runner" configuration section.</summary>
public sealed class ExportRunnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Export:Runner";

    /// <summary>Instances de-identified at once; 0 for one per processor.</summary>
    public int Workers { get; set; }

    /// <summary>Cap on the bytes of instances read but not yet written (parsed input plus encoded output): what bounds
    /// the export's memory whatever the cohort's size.</summary>
    public long MaxBufferedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest stored instance exported; a bigger one is a failed item (it would have to be held in memory).</summary>
    public long MaxInstanceBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Largest findings document read into the tables; a bigger one is skipped with a warning.</summary>
    public int MaxFindingsDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Shortest interval between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The worker count in force.</summary>
    internal int EffectiveWorkers => Workers > 0 ? Math.Min(Workers, 64) : Environment.ProcessorCount;

    /// <summary>Throws when a value makes no sense (checked when the runner is built).</summary>
    internal void Validate()
    {
        if (Workers < 0) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Not negative.");
        if (MaxBufferedBytes < 1024 * 1024) throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytes), MaxBufferedBytes, "At least 1 MiB.");
        if (MaxInstanceBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxInstanceBytes), MaxInstanceBytes, "Positive.");
        if (MaxFindingsDocumentBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxFindingsDocumentBytes), MaxFindingsDocumentBytes, "Positive.");
        if (ProgressInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "Not negative.");
    }
}
