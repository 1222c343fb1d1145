namespace Imaging.Analysis.Spine;

/// <summary>Warning codes of the spine analysis (the loader's own codes are in <c>VolumeWarningCodes</c>).</summary>
public static class SpineWarningCodes
{
    /// <summary>Counting from the sacrum and the last rib-bearing vertebra disagree (13 rib-bearing or 6 lumbar vertebrae).</summary>
    public const string TransitionalAnatomy = "transitional-anatomy";

    /// <summary>S1 is not in view (or not recognised): levels were counted from the ribs alone, without a cross-check.</summary>
    public const string SacrumNotFound = "sacrum-not-found";

    /// <summary>No anchor at all (no sacrum, no vertebra below or above the rib-bearing ones): levels are an assumption.</summary>
    public const string LabelsUnanchored = "labels-unanchored";

    /// <summary>The spinal canal or the vertebral bodies could not be found: no levels reported.</summary>
    public const string SpineNotFound = "spine-not-found";

    /// <summary>The series is not axial enough for the CT method (slices must be across the spine).</summary>
    public const string NotAxial = "not-axial";

    /// <summary>A body has too few neighbours of known height: its reference height is its own posterior height.</summary>
    public const string NoReferenceNeighbours = "no-reference-neighbours";
}
