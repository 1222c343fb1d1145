namespace Imaging.Phantoms.Truth;

/// <summary>Everything the phantom contains, for scoring an analysis: lesions, non-lesion hot structures, anatomical anchors,
/// counts and, for follow-ups, the comparison with the baseline.</summary>
public sealed record BoneScanGroundTruth
{
    public string Schema { get; init; } = "imaging.phantoms/bone-scan/1";
    public required long Seed { get; init; }
    public required string Tracer { get; init; }
    public required double EnergyKeV { get; init; }
    public required string PatientId { get; init; }
    public required string PatientName { get; init; }
    public required string StudyInstanceUid { get; init; }
    public required string AcquisitionDateTime { get; init; }
    public required int Columns { get; init; }
    public required int Rows { get; init; }
    public required double PixelSpacingMm { get; init; }
    public required double SystemFwhmMm { get; init; }
    public required long RequestedCountsPerView { get; init; }
    public required long CountsAnterior { get; init; }
    public required long CountsPosterior { get; init; }
    public required IReadOnlyList<FrameTruth> Frames { get; init; }
    public required AnchorsTruth Anchors { get; init; }
    public required IReadOnlyList<LesionTruth> Lesions { get; init; }
    public required IReadOnlyList<HotStructureTruth> HotStructures { get; init; }
    public ComparisonTruth? Comparison { get; init; }
}
