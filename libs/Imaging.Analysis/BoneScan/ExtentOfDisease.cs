namespace Imaging.Analysis.BoneScan;

/// <summary>The Soloway extent-of-disease grade (Soloway MS et al., "Stratification of patients with metastatic
/// prostate cancer based on extent of disease on initial bone scan", Cancer 1988;61:195–202): 0 normal or benign
/// only; 1 fewer than 6 lesions; 2 six to 20; 3 more than 20 but less than a superscan; 4 superscan.</summary>
/// <remarks>Soloway defines 4 as a superscan "or its equivalent (more than 75 % of the ribs, vertebrae and pelvis)". A
/// superscan shows little discrete focal uptake, so it is recognised here by either lesion area covering at least
/// <see cref="BoneScanOptions.SuperscanBurdenPercent"/> of the skeleton, or a bone-to-soft-tissue ratio of at least
/// <see cref="BoneScanOptions.SuperscanBoneToSoftTissue"/> with no kidney seen (the classic absent-kidney sign).
/// Soloway's grade 1 also requires each lesion to be under half a vertebral body; that size caveat is not applied.</remarks>
public static class ExtentOfDisease
{
    /// <summary>The grade for <paramref name="lesions"/> counted lesions.</summary>
    public static int Grade(int lesions, double burdenPercent, double boneToSoftTissue, bool kidneysSeen, BoneScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (burdenPercent >= options.SuperscanBurdenPercent) return 4;
        if (!kidneysSeen && boneToSoftTissue >= options.SuperscanBoneToSoftTissue) return 4;
        return lesions switch
        {
            0 => 0,
            < 6 => 1,
            <= 20 => 2,
            _ => 3,
        };
    }
}
