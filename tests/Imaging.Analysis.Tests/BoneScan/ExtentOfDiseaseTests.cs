using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>Step 7: Soloway grade thresholds.</summary>
public sealed class ExtentOfDiseaseTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(20, 2)]
    [InlineData(21, 3)]
    [InlineData(80, 3)]
    public void Grade_follows_the_lesion_count(int lesions, int grade) =>
        Assert.Equal(grade, ExtentOfDisease.Grade(lesions, burdenPercent: 5, boneToSoftTissue: 4, kidneysSeen: true, BoneScanOptions.Default));

    [Fact]
    public void Lesion_burden_over_half_the_skeleton_is_a_superscan() =>
        Assert.Equal(4, ExtentOfDisease.Grade(30, burdenPercent: 55, boneToSoftTissue: 4, kidneysSeen: true, BoneScanOptions.Default));

    [Fact]
    public void Intense_bone_uptake_without_kidneys_is_a_superscan() =>
        Assert.Equal(4, ExtentOfDisease.Grade(0, burdenPercent: 0, boneToSoftTissue: 15, kidneysSeen: false, BoneScanOptions.Default));

    [Fact]
    public void Intense_bone_uptake_with_kidneys_seen_is_graded_by_count() =>
        Assert.Equal(1, ExtentOfDisease.Grade(2, burdenPercent: 1, boneToSoftTissue: 15, kidneysSeen: true, BoneScanOptions.Default));
}
