namespace Imaging.Phantoms.Truth;

/// <summary>One lesion as drawn. <see cref="X"/>/<see cref="Y"/> are 0-based anterior-frame pixels (posterior-only lesions
/// mapped into that frame; <see cref="PosteriorX"/> is its column in the mirrored posterior frame). Peak ratios are
/// measured on the noiseless blurred views: counts at the lesion centre with the lesion over counts without it.</summary>
/// <param name="Status">Follow-ups only: "new", "persistent" or "resolved".</param>
/// <param name="BaselineId">Follow-ups only: the id of the matching baseline lesion (persistent and resolved).</param>
/// <param name="BaselineX">Follow-ups only: where the matching lesion was in the baseline's anterior frame.</param>
public sealed record LesionTruth(
    string Id,
    string Region,
    string Bone,
    double X,
    double Y,
    double PosteriorX,
    double FwhmMm,
    double Contrast,
    IReadOnlyList<string> Views,
    double? PeakRatioAnterior,
    double? PeakRatioPosterior,
    string? Status = null,
    string? BaselineId = null,
    double? BaselineX = null,
    double? BaselineY = null,
    double? BaselineContrast = null);
