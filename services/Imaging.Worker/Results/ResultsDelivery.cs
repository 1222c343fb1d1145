namespace Imaging.Worker.Results;

/// <summary>What became of one FindingsProduced: nothing to do (and why), or the objects offered and how many the
/// destination kept.</summary>
public sealed record ResultsDelivery(ResultsDeliveryStatus Status, int Offered = 0, int Stored = 0, string? Reason = null);

/// <summary>The outcome kinds of <see cref="ResultsDelivery"/>.</summary>
public enum ResultsDeliveryStatus
{
    /// <summary>No destination is configured.</summary>
    NotConfigured,

    /// <summary>No builder for the analyzer, findings superseded or missing, or nothing to report.</summary>
    Skipped,

    /// <summary>The objects could not be built from these findings and sources; retrying would not help.</summary>
    NotBuildable,

    /// <summary>Every object was stored (success or warning status).</summary>
    Sent,

    /// <summary>The destination refused at least one object (failure status, or no accepted presentation context).</summary>
    Refused,
}
