namespace Imaging.Analysis.BoneScan;

/// <summary>The skeletal region of a position of the anterior frame, from the anchors and the spine centre line:
/// bands between anchors, split into the spine column, the trunk lateral of it, and the limbs lateral of the trunk.</summary>
internal sealed class RegionMap(AnatomicalAnchors anchors, float[] spineLine, double spacingMm, BoneScanOptions options)
{
    public AnatomicalAnchors Anchors => anchors;

    public double SpacingMm => spacingMm;

    /// <summary>The spine's column at row <paramref name="y"/>.</summary>
    public double SpineAt(int y) => spineLine[Math.Clamp(y, 0, spineLine.Length - 1)];

    /// <summary>Signed lateral distance from the spine line in mm (positive towards higher columns).</summary>
    public double LateralMm(double x, int y) => (x - SpineAt(y)) * spacingMm;

    /// <summary>Distance below the iliac crest line in mm (negative above it).</summary>
    public double BelowCrestMm(int y) => (y - anchors.IliacCrests) * spacingMm;

    public double TrunkHalfWidthMm => options.TrunkHalfWidthFraction * anchors.ShoulderHalfWidth * spacingMm;

    /// <summary>Whether a midline position lies where the sternum overlaps the thoracic spine in a planar view.</summary>
    public bool InSternumBand(double x, int y)
    {
        var below = (y - anchors.Shoulders) * spacingMm;
        return Math.Abs(LateralMm(x, y)) < options.SpineHalfWidthMm && below >= 0 && below <= options.SternumLengthMm;
    }

    public bool InKneeBand(int y) => Math.Abs(y - anchors.Knees) * spacingMm <= options.KneeBandMm;

    /// <summary>Ankles and feet: the lowest <see cref="BoneScanOptions.FootBandMm"/> of the body.</summary>
    public bool InFootBand(int y) => (anchors.Feet - y) * spacingMm <= options.FootBandMm;

    public bool InHipBand(double x, int y)
    {
        var below = BelowCrestMm(y);
        return below >= options.HipBelowCrestFromMm && below <= options.HipBelowCrestToMm && Math.Abs(LateralMm(x, y)) >= options.HipLateralFromMm;
    }

    /// <summary>The peak ratio a blob at this position must reach: its region's, raised in the knee and foot bands.</summary>
    public double PeakRatioThreshold(double x, int y, SkeletalRegion region)
    {
        var threshold = options.PeakRatioFor(region);
        return InKneeBand(y) || InFootBand(y) ? Math.Max(threshold, options.JointPeakRatio) : threshold;
    }

    public SkeletalRegion RegionOf(double x, int y)
    {
        var lateral = Math.Abs(LateralMm(x, y));
        var spineColumn = lateral < options.SpineHalfWidthMm;
        var skullBottom = anchors.HeadTop + 0.8 * (anchors.Neck - anchors.HeadTop);
        var shoulderTop = anchors.Shoulders - options.ShoulderBandAboveMm / spacingMm;
        if (y < skullBottom) return SkeletalRegion.Skull;
        if (y < anchors.Shoulders && spineColumn) return SkeletalRegion.CervicalSpine;
        if (y < shoulderTop) return SkeletalRegion.Skull;

        var below = BelowCrestMm(y);
        var pelvisEnd = options.PelvisBelowCrestMm;
        var belowShoulders = (y - anchors.Shoulders) * spacingMm;
        // The humeral heads and scapulae reach lateral of the trunk line: at shoulder height they are the girdle.
        if (!spineColumn && belowShoulders < options.ShoulderBandBelowMm) return SkeletalRegion.Shoulder;
        if (below <= pelvisEnd)
        {
            if (lateral > TrunkHalfWidthMm) return SkeletalRegion.UpperLimbs;
            if (spineColumn && y >= anchors.Shoulders)
            {
                if (below < -options.LumbarAboveCrestMm) return SkeletalRegion.ThoracicSpine;
                if (below < options.SacrumBelowCrestMm) return SkeletalRegion.LumbarSpine;
                if (below < options.SacrumBelowCrestMm + options.SacrumLengthMm) return SkeletalRegion.Sacrum;
                return SkeletalRegion.Pelvis;
            }
            return below < -20 ? SkeletalRegion.Ribs : SkeletalRegion.Pelvis;
        }
        // Hands hang beside the thighs, lateral of them.
        if (lateral > TrunkHalfWidthMm && below < pelvisEnd + 150) return SkeletalRegion.UpperLimbs;
        return SkeletalRegion.LowerLimbs;
    }
}
