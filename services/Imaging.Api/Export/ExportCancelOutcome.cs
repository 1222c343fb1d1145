namespace Imaging.Api.Export;

/// <summary>What <c>DELETE /api/research/exports/{id}</c> did.</summary>
internal enum ExportCancelOutcome
{
    /// <summary>A queued job is now cancelled.</summary>
    Cancelled,

    /// <summary>A running job was told to stop; it becomes cancelled once the runner has removed its partial output.</summary>
    CancelRequested,

    /// <summary>A finished job's output and row are gone.</summary>
    Removed,

    /// <summary>The job runs on another API node.</summary>
    RunningElsewhere,

    /// <summary>The job disappeared meanwhile.</summary>
    NotFound,
}
