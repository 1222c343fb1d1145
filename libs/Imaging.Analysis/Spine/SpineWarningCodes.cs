namespace Imaging.Analysis.Spine;

/// <summary>Warning codes of the spine analysis (the loader's own codes are in <c>VolumeWarningCodes</c>).</summary>
public static class SpineWarningCodes
{
    /// <summary>Counting from the sacrum and the last rib-bearing vertebra disagree (13 rib-bearing or 6 lumbar vertebrae).</summary>
    public const string TransitionalAnatomy = "transitional-anatomy";

    /// <summary>S1 is not in view (or not recognised): levels were counted from the ribs alone, without a cross-check.</summary>
    public const string SacrumNotFound = "sacrum-not-found";

    /// <summary>C2 (the body carrying the dens, at the top of the column) is in view and counting down from it disagrees with
    /// counting up from S1 or with the ribs (a transitional level or a missed body): the levels are uncertain.</summary>
    public const string C2CountDisagrees = "c2-count-disagrees";

    /// <summary>No anchor at all (no sacrum, no vertebra below or above the rib-bearing ones): levels are an assumption.</summary>
    public const string LabelsUnanchored = "labels-unanchored";

    /// <summary>The spinal canal or the vertebral bodies could not be found: no levels reported.</summary>
    public const string SpineNotFound = "spine-not-found";

    /// <summary>The series is not axial enough for the CT method (slices must be across the spine).</summary>
    public const string NotAxial = "not-axial";

    /// <summary>A body has too few neighbours of known height: its reference height is its own posterior height.</summary>
    public const string NoReferenceNeighbours = "no-reference-neighbours";

    /// <summary>The MR series' planes are not sagittal: the MR method needs sagittal slices.</summary>
    public const string NotSagittal = "not-sagittal";

    /// <summary>MR: a body is much shorter or longer than the others (a disc missed or an extra one): that level is uncertain.</summary>
    public const string IrregularSpacing = "irregular-spacing";

    /// <summary>MR: neither the echo/repetition times nor the description tell T1 from T2; both were tried.</summary>
    public const string MrWeightingUnknown = "mr-weighting-unknown";

    /// <summary>A SEG series names no vertebral level: nothing to measure.</summary>
    public const string SegNoVertebra = "seg-no-vertebra";

    /// <summary>The image series a SEG segments is not stored (yet): the SEG could not be measured.</summary>
    public const string SegReferencedSeriesMissing = "seg-referenced-series-missing";

    /// <summary>The SEG's labels could not be used on the image series (other Frame of Reference, nothing inside the volume).</summary>
    public const string SegUnusable = "seg-unusable";
}
