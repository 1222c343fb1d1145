namespace Imaging.Analysis.Spine.Mr;

/// <summary>Tells T1 from T2 weighting from the acquisition times, falling back on the series description.</summary>
public static class MrWeightingClassifier
{
    /// <summary>Short TE (&lt; 40 ms) with short TR (&lt; 1500 ms) is T1; long TE (≥ 60 ms) is T2; otherwise the description
    /// decides ("T1"/"T2" in it); null when nothing does.</summary>
    public static MrWeighting? Classify(double? repetitionTimeMs, double? echoTimeMs, string? seriesDescription)
    {
        if (echoTimeMs is > 0 and < 40 && repetitionTimeMs is > 0 and < 1500) return MrWeighting.T1;
        if (echoTimeMs is >= 60 and < 1000) return MrWeighting.T2;
        var text = seriesDescription?.ToUpperInvariant() ?? "";
        if (text.Contains("T1", StringComparison.Ordinal)) return MrWeighting.T1;
        if (text.Contains("T2", StringComparison.Ordinal)) return MrWeighting.T2;
        return null;
    }
}
