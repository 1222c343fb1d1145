namespace Imaging.Phantoms.Spine.Truth;

/// <summary>Ground truth of a CT spine phantom: identity, acquisition geometry, anatomy variant and every level in view.</summary>
public sealed record SpineCtGroundTruth
{
    public required string StudyInstanceUid { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public required string FrameOfReferenceUid { get; init; }
    public required string PatientId { get; init; }
    public required long Seed { get; init; }

    public required int ThoracicVertebrae { get; init; }
    public required int LumbarVertebrae { get; init; }

    /// <summary>True for a 13-thoracic or 6-lumbar spine: an analyzer should report low label confidence.</summary>
    public required bool TransitionalAnatomy { get; init; }

    public required string FirstLevel { get; init; }
    public required string LastLevel { get; init; }

    public required double SliceThicknessMm { get; init; }
    public required double SliceSpacingMm { get; init; }
    public required double PixelSpacingMm { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required double GantryTiltDegrees { get; init; }

    /// <summary>Slice positions generated before dropping (the table range covered).</summary>
    public required int PlannedSlices { get; init; }

    /// <summary>Instances written (planned − dropped + duplicated).</summary>
    public required int Instances { get; init; }

    public required IReadOnlyList<int> DroppedSlices { get; init; }
    public required IReadOnlyList<int> DuplicatedSlices { get; init; }

    /// <summary>Table position (z, mm) of the most cranial and most caudal planned slice.</summary>
    public required double TopSliceZMm { get; init; }
    public required double BottomSliceZMm { get; init; }

    /// <summary>Levels with at least part of their body in view, cranial to caudal (S1 last when in view).</summary>
    public required IReadOnlyList<VertebraTruth> Vertebrae { get; init; }

    /// <summary>Levels with Genant grade ≥ 1, as the analyzer should flag them.</summary>
    public required IReadOnlyList<string> FlaggedLevels { get; init; }
}
