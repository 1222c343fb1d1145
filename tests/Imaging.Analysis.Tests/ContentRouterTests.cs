using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;

namespace Imaging.Analysis.Tests;

/// <summary>Routing decisions on metadata as real scanners fill it in (descriptions in several languages, missing tags).</summary>
public sealed class ContentRouterTests
{
    [Theory]
    [InlineData("MR", null, "T2 TSE SAG L-SPINE", null, SeriesContentKind.MrSpine, "MR, series description says SPINE")]
    [InlineData("MR", null, "t1_tse_sag HWS", null, SeriesContentKind.MrSpine, "MR, series description says HWS")]
    [InlineData("MR", "CSPINE", "t2_tse_sag", null, SeriesContentKind.MrSpine, "MR, body part CSPINE")]
    [InlineData("CT", null, "Bone 1.0 sag", "CT Wirbelsäule", SeriesContentKind.CtSpine, "CT, study description says WIRBELSÄULE")]
    [InlineData("CT", "CHEST", "Lung 1.0", "CT Thorax", SeriesContentKind.Other, "CT without spine in body part or descriptions")]
    [InlineData("MR", "HEAD", "t1_mprage", null, SeriesContentKind.Other, "MR without spine in body part or descriptions")]
    [InlineData("CR", "LSPINE", null, null, SeriesContentKind.Other, "modality CR is not analysed")]
    [InlineData(null, null, null, null, SeriesContentKind.Other, "no modality")]
    public void Cross_sectional_series_are_routed_by_body_part_and_descriptions(string? modality, string? bodyPart, string? series, string? study,
        SeriesContentKind kind, string reason)
    {
        var c = ContentRouter.Classify(Metadata(modality) with { BodyPartExamined = bodyPart, SeriesDescription = series, StudyDescription = study });

        Assert.Equal(new SeriesClassification(kind, reason), c);
    }

    [Fact]
    public void A_spine_localizer_is_not_routed_to_the_spine_analyzer()
    {
        var c = ContentRouter.Classify(Metadata("CT") with { BodyPartExamined = "SPINE", ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] });

        Assert.Equal(new SeriesClassification(SeriesContentKind.Other, "CT localizer"), c);
    }

    [Fact]
    public void Whole_body_nm_without_any_tracer_information_is_assumed_a_bone_scan_and_says_so()
    {
        var c = ContentRouter.Classify(Metadata("NM") with { ImageType = ["ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION"] });

        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, c.Kind);
        Assert.Equal("image type WHOLE BODY; tracer not recorded, assumed a bone scan", c.Reason);
    }

    [Fact]
    public void Whole_body_iodine_scan_is_not_a_bone_scan()
    {
        var c = ContentRouter.Classify(Nuclear(new RadiopharmaceuticalInfo(null, null, "^131^Iodine", 185, null, null)) with
        {
            SeriesDescription = "WB ANT/POST",
        });

        Assert.Equal(new SeriesClassification(SeriesContentKind.Other, "whole-body NM with radionuclide IODINE, not Tc-99m"), c);
    }

    [Fact]
    public void Samarium_edtmp_post_therapy_scan_is_not_a_bone_scan()
    {
        var c = ContentRouter.Classify(Nuclear(new RadiopharmaceuticalInfo("Sm-153 EDTMP", null, null, null, null, null)));

        Assert.Equal(SeriesContentKind.Other, c.Kind);
        Assert.Contains("EDTMP", c.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tc99m HDP")]
    [InlineData("Tc-99m oxidronate")]
    [InlineData("99mTc-DPD")]
    public void Whole_body_scan_with_a_bone_agent_is_a_bone_scan(string radiopharmaceutical)
    {
        var c = ContentRouter.Classify(Nuclear(new RadiopharmaceuticalInfo(radiopharmaceutical, null, null, null, null, null)));

        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, c.Kind);
        Assert.StartsWith("whole body technique 1PS; bone agent ", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void German_skeletal_scintigraphy_description_is_a_bone_scan()
    {
        var c = ContentRouter.Classify(Metadata("NM") with { SeriesDescription = "Ganzkörper Skelettszintigraphie" });

        Assert.Equal(new SeriesClassification(SeriesContentKind.NmWholeBodyBoneScan, "description says GANZKÖRPER; description says SKELETTSZINTIGRAPHIE"), c);
    }

    [Theory]
    [InlineData("ORIGINAL\\PRIMARY\\STATIC\\EMISSION", SeriesContentKind.Other)]
    [InlineData("ORIGINAL\\PRIMARY\\GATED TOMO\\EMISSION", SeriesContentKind.Other)]
    [InlineData("ORIGINAL\\PRIMARY\\DYNAMIC\\EMISSION", SeriesContentKind.Other)]
    public void Nm_that_is_not_whole_body_planar_is_other(string imageType, SeriesContentKind kind)
    {
        var c = ContentRouter.Classify(Metadata("NM") with { ImageType = imageType.Split('\\'), StudyDescription = "Bone" });

        Assert.Equal(kind, c.Kind);
    }

    private static SeriesMetadata Metadata(string? modality) => new()
    {
        Modality = modality,
        InstanceCount = 1,
        FrameCount = 1,
        Instances = [],
        Problems = [],
        Content = new SeriesClassification(SeriesContentKind.Other, "not classified"),
    };

    private static SeriesMetadata Nuclear(RadiopharmaceuticalInfo drug) => Metadata("NM") with
    {
        NuclearMedicine = new NuclearMedicineMetadata
        {
            Radiopharmaceuticals = [drug],
            EnergyWindows = [],
            Detectors = [],
            Views = [],
            WholeBodyTechnique = ["1PS"],
        },
    };
}
