namespace Imaging.Storage;

/// <summary>Where a research export job is: waiting, running, or finished one of three ways.</summary>
public enum ExportJobState
{
    /// <summary>Accepted, waiting for a free slot.</summary>
    Queued,

    /// <summary>Being exported by the node named in <see cref="ExportJob.Node"/>.</summary>
    Running,

    /// <summary>Finished; the output can be downloaded until retention removes it.</summary>
    Succeeded,

    /// <summary>Finished with an error (including "interrupted by a restart"); no output.</summary>
    Failed,

    /// <summary>Cancelled by its owner or an administrator; no output.</summary>
    Cancelled,
}
