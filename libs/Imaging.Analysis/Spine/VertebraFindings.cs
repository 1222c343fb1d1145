namespace Imaging.Analysis.Spine;

/// <summary>One vertebral level in the spine findings (issue 7 "Output"): heights, loss against the reference from its
/// unfractured neighbours, Genant grade and type, cement, centroid in patient mm.</summary>
public sealed record VertebraFindings
{
    public required string Level { get; init; }
    public required double AnteriorHeightMm { get; init; }
    public required double MiddleHeightMm { get; init; }
    public required double PosteriorHeightMm { get; init; }
    public required double ReferenceHeightMm { get; init; }
    public required double HeightLossPercent { get; init; }

    /// <summary>0–3: below 20 % loss 0, 20–25 % 1, 25–40 % 2, above 40 % 3.</summary>
    public required int GenantGrade { get; init; }

    /// <summary>none, wedge, biconcave or crush.</summary>
    public required string FractureType { get; init; }

    public required bool Cement { get; init; }
    public required double VolumeMl { get; init; }
    public required double[] CentroidMm { get; init; }

    /// <summary>A 2.25 UID that follows this level across timepoints (TID 1500 tracking): derived from the series and the
    /// level when first seen, inherited from the prior's level when compared. Null in documents from before tracking.</summary>
    public string? TrackingUid { get; init; }

    /// <summary>Step 6 (CT only; null for MR, SEG without HU and older documents): lytic and blastic volume in the body, ml.</summary>
    public double? LyticVolumeMl { get; init; }
    public double? BlasticVolumeMl { get; init; }

    /// <summary>none, lytic, blastic or mixed (<see cref="Lesions.LesionTypes"/>).</summary>
    public string? LesionType { get; init; }

    /// <summary>Fraction (0–1) of the body the lesions occupy.</summary>
    public double? LesionInvolvedFraction { get; init; }

    /// <summary>The image-computable SINS components; null when the level has no lesion.</summary>
    public Lesions.SinsPartial? Sins { get; init; }
}
