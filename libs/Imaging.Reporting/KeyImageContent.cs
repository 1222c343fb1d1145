using Imaging.Dicom.Rendering;

namespace Imaging.Reporting;

/// <summary>What a key image shows: views of one source instance side by side, left to right, with lesions marked.</summary>
public sealed record KeyImageContent
{
    public required IReadOnlyList<KeyImageView> Views { get; init; }

    /// <summary>Rendering of the source frames; by default the file's window, else the 1st–99th percentile, so a hot
    /// bladder does not darken the skeleton.</summary>
    public RenderOptions RenderOptions { get; init; } = new() { AutoWindow = AutoWindowMode.Percentile };

    /// <summary>Black columns between two views.</summary>
    public int Gap { get; init; } = 4;

    public string DerivationDescription { get; init; } = "Rendered from the source frames; lesions found by automated analysis marked";

    public string SeriesDescription { get; init; } = "Key images";

    public int SeriesNumber { get; init; } = 9002;

    public string Manufacturer { get; init; } = "Imaging pipeline";

    public string SoftwareVersion { get; init; } = "imaging";

    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>SOP Instance UID of the key image; null: a new random one.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Series Instance UID of the new OT series; null: a new random one.</summary>
    public string? SeriesInstanceUid { get; init; }
}
