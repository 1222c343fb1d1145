namespace Imaging.Analysis.Spine.Volume;

/// <summary>Stable codes of <see cref="VolumeWarning"/>, for findings JSON and tests.</summary>
public static class VolumeWarningCodes
{
    /// <summary>Neighbouring slices further apart than the spacing allows: slices are missing (interpolated across).</summary>
    public const string SliceGap = "slice-gap";

    /// <summary>Two or more slices at one position; the first in instance order is used.</summary>
    public const string DuplicatePosition = "duplicate-position";

    /// <summary>Steps between slices differ by more than the tolerance, short of a gap.</summary>
    public const string NonUniformSpacing = "non-uniform-spacing";

    /// <summary>Slices are stacked obliquely to their normal (gantry tilt): the volume is sheared, resampling removes it.</summary>
    public const string GantryTilt = "gantry-tilt";

    /// <summary>Row and column directions are not perpendicular.</summary>
    public const string NonOrthogonalOrientation = "non-orthogonal-orientation";

    /// <summary>Slices in another orientation than most (e.g. a localizer); left out.</summary>
    public const string MixedOrientation = "mixed-orientation";

    /// <summary>Slices with another matrix size or pixel spacing than most; left out.</summary>
    public const string MixedMatrix = "mixed-matrix";

    /// <summary>A CT slice without Rescale Slope/Intercept: stored values taken as HU.</summary>
    public const string MissingRescale = "missing-rescale";

    /// <summary>Rescale Type says the values are not Hounsfield units.</summary>
    public const string NotHounsfield = "not-hounsfield";

    /// <summary>A slice that could not be read, positioned or decoded; left out.</summary>
    public const string UnreadableSlice = "unreadable-slice";

    /// <summary>A single slice: no spacing between slices is known; its thickness is used.</summary>
    public const string SingleSlice = "single-slice";
}
