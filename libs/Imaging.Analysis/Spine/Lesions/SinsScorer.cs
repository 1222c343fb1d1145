namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Scores the SINS components the image gives (<see cref="SinsPartial"/>) from a level's name, lesion type, height
/// loss and the fraction of the body the lesion occupies.</summary>
public static class SinsScorer
{
    /// <summary>Null when the level has no lesion (SINS is a score of a neoplastic lesion) or the level name is unknown.</summary>
    public static SinsPartial? Score(string level, string lesionType, double heightLossPercent, double involvedFraction, SpineLesionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        options ??= SpineLesionOptions.Default;
        int quality;
        switch (lesionType)
        {
            case LesionTypes.Lytic: quality = 2; break;
            case LesionTypes.Mixed: quality = 1; break;
            case LesionTypes.Blastic: quality = 0; break;
            default: return null;
        }
        if (Location(level) is not { } location) return null;
        var collapse = heightLossPercent > 50 ? 3
            : heightLossPercent >= options.SinsCollapseMinimumPercent ? 2
            : involvedFraction > 0.5 ? 1
            : 0;
        return new SinsPartial { Location = location, LesionQuality = quality, Collapse = collapse, PartialScore = location + quality + collapse };
    }

    /// <summary>The SINS location score of a level name ("C2", "T12", "L6", "T13", "S1"…); null when the name is not a level.
    /// The transitional T13 lies at the thoracolumbar and L6 at the lumbosacral junction: both junctional.</summary>
    public static int? Location(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Length < 2 || !int.TryParse(level.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return null;
        return (level[0], n) switch
        {
            ('C', >= 1 and <= 2) => 3,
            ('C', >= 3 and <= 6) => 2,
            ('C', 7) => 3,
            ('T', >= 1 and <= 2) => 3,
            ('T', >= 3 and <= 10) => 1,
            ('T', >= 11 and <= 13) => 3,
            ('L', 1) => 3,
            ('L', >= 2 and <= 4) => 2,
            ('L', >= 5 and <= 6) => 3,
            ('S', 1) => 3,
            ('S', >= 2 and <= 5) => 0,
            _ => null,
        };
    }
}
