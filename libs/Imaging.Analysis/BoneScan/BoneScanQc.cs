namespace Imaging.Analysis.BoneScan;

/// <summary>Quality checks: counts per view, acquisition time, pixel spacing and the warnings raised.</summary>
public sealed record BoneScanQc
{
    public long? CountsAnterior { get; init; }
    public long? CountsPosterior { get; init; }

    /// <summary>Acquisition duration in seconds (Actual Frame Duration), per view.</summary>
    public double? AcquisitionSeconds { get; init; }

    /// <summary>Pixel spacing used (mm), measured or assumed.</summary>
    public double? PixelSpacingMm { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
