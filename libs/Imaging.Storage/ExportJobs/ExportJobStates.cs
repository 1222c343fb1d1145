namespace Imaging.Storage;

/// <summary>The text form of <see cref="ExportJobState"/> used in the database and the API ("queued", "running", ...).</summary>
public static class ExportJobStates
{
    /// <summary>The lower-case name of <paramref name="state"/>.</summary>
    public static string Name(ExportJobState state) => state switch
    {
        ExportJobState.Queued => "queued",
        ExportJobState.Running => "running",
        ExportJobState.Succeeded => "succeeded",
        ExportJobState.Failed => "failed",
        ExportJobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The state named <paramref name="name"/>; throws <see cref="InvalidOperationException"/> for a value the
    /// schema's CHECK would never let in.</summary>
    public static ExportJobState Parse(string name) => name switch
    {
        "queued" => ExportJobState.Queued,
        "running" => ExportJobState.Running,
        "succeeded" => ExportJobState.Succeeded,
        "failed" => ExportJobState.Failed,
        "cancelled" => ExportJobState.Cancelled,
        _ => throw new InvalidOperationException($"Unknown export job state '{name}'."),
    };

    /// <summary>True for the states a job never leaves.</summary>
    public static bool IsFinished(ExportJobState state) => state is ExportJobState.Succeeded or ExportJobState.Failed or ExportJobState.Cancelled;
}
