namespace Imaging.Storage;

/// <summary>One research export job as stored: who asked, which node runs it, its state, progress and outcome.</summary>
/// <param name="Id">The job's identifier (also the output's file name).</param>
/// <param name="Owner">The user who created it.</param>
/// <param name="Node">The API node that runs it: only that node fails it after a restart.</param>
/// <param name="State">Where it is.</param>
/// <param name="Request">The selection and profile as the API accepted them (JSON, read only by the API).</param>
/// <param name="CreatedAt">When it was accepted.</param>
public sealed record ExportJob(Guid Id, string Owner, string Node, ExportJobState State, string Request, DateTimeOffset CreatedAt)
{
    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a finished state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Instances selected (known once running).</summary>
    public int Total { get; init; }

    /// <summary>Instances written.</summary>
    public int Exported { get; init; }

    /// <summary>Instances held back (burned-in text).</summary>
    public int Quarantined { get; init; }

    /// <summary>Instances that could not be exported.</summary>
    public int Failed { get; init; }

    /// <summary>DICOM bytes written so far.</summary>
    public long BytesWritten { get; init; }

    /// <summary>Pseudonymous patients in the finished output.</summary>
    public int? Patients { get; init; }

    /// <summary>Studies in the finished output.</summary>
    public int? Studies { get; init; }

    /// <summary>The output file while it exists.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Size of the finished output in bytes.</summary>
    public long? OutputBytes { get; init; }

    /// <summary>SHA-256 of the finished output, lower-case hex.</summary>
    public string? OutputSha256 { get; init; }

    /// <summary>Why it failed, one line.</summary>
    public string? Error { get; init; }
}
