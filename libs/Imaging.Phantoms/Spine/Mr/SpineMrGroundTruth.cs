using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Ground truth of a sagittal MR spine phantom: identity, acquisition geometry, and every level in view with the
/// same per-level truth as the CT phantom (<see cref="VertebraTruth"/>).</summary>
public sealed record SpineMrGroundTruth
{
    public required string StudyInstanceUid { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public required string FrameOfReferenceUid { get; init; }
    public required string PatientId { get; init; }
    public required long Seed { get; init; }

    /// <summary>"T1" or "T2".</summary>
    public required string Contrast { get; init; }

    public required int ThoracicVertebrae { get; init; }
    public required int LumbarVertebrae { get; init; }
    public required bool TransitionalAnatomy { get; init; }
    public required string FirstLevel { get; init; }
    public required string LastLevel { get; init; }

    public required int Slices { get; init; }
    public required double SliceThicknessMm { get; init; }
    public required double SliceSpacingMm { get; init; }
    public required double PixelSpacingMm { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }

    /// <summary>Patient X (mm) of each slice plane, in instance order.</summary>
    public required IReadOnlyList<double> SlicePositionsXMm { get; init; }

    /// <summary>Head-to-feet range of the images (patient Z of the first and last row), mm.</summary>
    public required double TopZMm { get; init; }
    public required double BottomZMm { get; init; }

    /// <summary>True when S1 (and the sacrum below it) is in view: an analyzer can count levels from it.</summary>
    public required bool SacrumInView { get; init; }

    public required IReadOnlyList<string> OedemaLevels { get; init; }

    /// <summary>Levels with at least part of their body in the image, cranial to caudal.</summary>
    public required IReadOnlyList<VertebraTruth> Vertebrae { get; init; }

    public required IReadOnlyList<string> FlaggedLevels { get; init; }
}
