namespace Imaging.Phantoms.Spine.Truth;

/// <summary>What is true of one vertebral level. Heights run along the body's own axis, outer cortex to outer cortex, in the
/// mid-sagittal plane: anterior and posterior within the outer tenth of the depth (where every fracture profile is flat),
/// middle at the centre. The loss is against <see cref="ReferenceHeightMm"/>, the level's intact height.</summary>
public sealed record VertebraTruth
{
    public required string Level { get; init; }

    /// <summary>"full" when the whole body lies between the first and last slice, else "partial".</summary>
    public required string FieldOfView { get; init; }

    public required double AnteriorHeightMm { get; init; }
    public required double MiddleHeightMm { get; init; }
    public required double PosteriorHeightMm { get; init; }
    public required double ReferenceHeightMm { get; init; }

    /// <summary>100 × (1 − smallest of the three heights / reference).</summary>
    public required double HeightLossPercent { get; init; }

    /// <summary>Genant semi-quantitative grade from <see cref="HeightLossPercent"/>: below 20 % 0, 20–25 % 1, 25–40 % 2, above 40 % 3.</summary>
    public required int GenantGrade { get; init; }

    /// <summary>"none", "wedge", "biconcave" or "crush": the deformity drawn (its grade may still be 0).</summary>
    public required string FractureType { get; init; }

    public required bool Cement { get; init; }

    /// <summary>"none", "lytic" or "blastic".</summary>
    public required string Lesion { get; init; }

    /// <summary>Volume of trabecular bone the lesion replaced, ml (its sphere inside the cortex, cement excluded); 0 without one.</summary>
    public double LesionVolumeMl { get; init; }

    public required bool Ribs { get; init; }

    /// <summary>Centroid of the body (cortex included, posterior elements not) in patient coordinates, mm.</summary>
    public required double[] CentroidMm { get; init; }

    public required double VolumeMl { get; init; }

    /// <summary>The body's own cranial axis (unit vector, patient coordinates): the direction heights are measured along.</summary>
    public required double[] Axis { get; init; }

    public required EndPlateTruth SuperiorEndPlate { get; init; }
    public required EndPlateTruth InferiorEndPlate { get; init; }
}
