using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;

namespace Imaging.Phantoms.Tests.Spine.Mr;

public sealed class SpineMrPhantomTests
{
    private static readonly SpineMrPhantomOptions Small = new()
    {
        FirstLevel = "L2",
        LastLevel = "S1",
        Slices = 5,
        Rows = 192,
        Columns = 160,
        PixelSpacingMm = 1.2,
        Fractures = [new SpineFracture("L3", VertebralFractureType.Wedge, 35)],
        OedemaLevels = ["L3"],
    };

    private static ushort At(SpineMrStudy study, int instance, double y, double z)
    {
        var ds = study.Instances[instance].Dataset;
        var position = ds.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
        var spacing = study.GroundTruth.PixelSpacingMm;
        var column = (int)Math.Round((y - position[1]) / spacing);
        var row = (int)Math.Round((position[2] - z) / spacing);
        var pixels = ds.GetElement(DicomTag.PixelData)!.GetValues<ushort>();
        return pixels[row * study.GroundTruth.Columns + column];
    }

    [Fact]
    public async Task Writes_a_sagittal_mr_series_dcmdump_reads_without_error_and_its_truth()
    {
        var study = SpineMrPhantom.Generate(Small with { Contrast = SpineMrContrast.T2 });
        using var temp = new TempFolder();
        var paths = await study.WriteAsync(temp.Path);
        Assert.Equal(5, paths.Count);
        Assert.True(File.Exists(Path.Combine(temp.Path, "spinemr-truth.json")));
        var files = paths.Select(p => DicomFileReader.Read(p)).ToList();
        var first = files[0].Dataset;
        Assert.Equal("MR", first.GetSingleString(DicomTags.Modality));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.4", first.GetSingleString(DicomTags.SOPClassUID));
        Assert.Equal("SAG T2", first.GetSingleString(DicomTags.SeriesDescription));
        Assert.Equal("SE", first.GetSingleString(DicomTags.ScanningSequence));
        Assert.Equal(3500, first.GetDecimal(DicomTags.RepetitionTime));
        Assert.Equal(100, first.GetDecimal(DicomTags.EchoTime));
        Assert.Equal(1.5, first.GetDecimal(DicomTags.MagneticFieldStrength));
        Assert.Equal(0, first.GetInteger(DicomTags.PixelRepresentation));
        Assert.Equal([0, 1, 0, 0, 0, -1], first.GetElement(DicomTags.ImageOrientationPatient)!.GetDecimals());
        var x = files.Select(f => f.Dataset.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals()[0]).ToArray();
        for (var i = 1; i < x.Length; i++) Assert.Equal(4, x[i] - x[i - 1], 6);
        Assert.Equal(study.GroundTruth.SlicePositionsXMm, x);

        var dump = await ExternalTool.RunAsync("dcmdump", "+E", "-q", paths[2]);
        Assert.Equal(0, dump.ExitCode);
        Assert.Equal("", dump.StandardError.Trim());
        Assert.Contains("(0008,0060) CS [MR]", dump.StandardOutput, StringComparison.Ordinal);

        var levels = study.GroundTruth.Vertebrae.Select(v => v.Level).ToArray();
        Assert.Equal(["L1", "L2", "L3", "L4", "L5", "S1"], levels[^6..]);
        Assert.True(study.GroundTruth.SacrumInView);
        Assert.Equal(["L3"], study.GroundTruth.FlaggedLevels);
    }

    [Theory]
    [InlineData(SpineMrContrast.T1)]
    [InlineData(SpineMrContrast.T2)]
    public void Marrow_disc_and_csf_follow_the_weighting(SpineMrContrast contrast)
    {
        var study = SpineMrPhantom.Generate(Small with { Contrast = contrast, NoiseSigma = 0, BiasFieldStrength = 0, BlurFwhmMm = 0 });
        var l4 = study.GroundTruth.Vertebrae.Single(v => v.Level == "L4");
        var l5 = study.GroundTruth.Vertebrae.Single(v => v.Level == "L5");
        var l3 = study.GroundTruth.Vertebrae.Single(v => v.Level == "L3");
        const int mid = 2;
        var marrow = At(study, mid, l4.CentroidMm[1], l4.CentroidMm[2]);
        var oedema = At(study, mid, l3.CentroidMm[1], l3.CentroidMm[2]);
        var discCentre = (l4.InferiorEndPlate.PointMm[1] + l5.SuperiorEndPlate.PointMm[1]) / 2;
        var discZ = (l4.InferiorEndPlate.PointMm[2] + l5.SuperiorEndPlate.PointMm[2]) / 2;
        var disc = At(study, mid, discCentre, discZ);
        // The canal lies behind the body: half its depth plus a little behind the posterior wall.
        var csf = At(study, mid, l4.CentroidMm[1] + 26, l4.CentroidMm[2]);
        if (contrast == SpineMrContrast.T1)
        {
            Assert.True(marrow > disc + 200 && marrow > csf + 300, $"T1 marrow {marrow}, disc {disc}, csf {csf}");
            Assert.True(oedema < marrow - 150, $"T1 oedema {oedema} vs marrow {marrow}");
        }
        else
        {
            Assert.True(disc > marrow + 300 && csf > marrow + 500, $"T2 marrow {marrow}, disc {disc}, csf {csf}");
            Assert.True(oedema > marrow + 150, $"T2 oedema {oedema} vs marrow {marrow}");
        }
    }

    [Fact]
    public void Same_options_give_the_same_bytes_and_noise_changes_them()
    {
        var a = SpineMrPhantom.Generate(Small);
        var b = SpineMrPhantom.Generate(Small);
        var c = SpineMrPhantom.Generate(Small with { Seed = 2 });
        Assert.Equal(a.ToBytes(1), b.ToBytes(1));
        Assert.Equal(a.GroundTruthJson(), b.GroundTruthJson());
        Assert.NotEqual(a.Instances[1].Dataset.GetElement(DicomTag.PixelData)!.GetValues<ushort>(), c.Instances[1].Dataset.GetElement(DicomTag.PixelData)!.GetValues<ushort>());
    }

    [Fact]
    public void A_cervicothoracic_view_has_no_sacrum_and_hostile_options_are_refused()
    {
        var study = SpineMrPhantom.Generate(Small with { FirstLevel = "C3", LastLevel = "T8", Fractures = [], OedemaLevels = [], Rows = 256 });
        Assert.False(study.GroundTruth.SacrumInView);
        Assert.DoesNotContain(study.GroundTruth.Vertebrae, v => v.Level is "S1" or "L1");
        Assert.Contains(study.GroundTruth.Vertebrae, v => v.Level == "C3");
        Assert.Throws<ArgumentOutOfRangeException>(() => SpineMrPhantom.Generate(Small with { Rows = 100_000 }));
        Assert.Throws<ArgumentException>(() => SpineMrPhantom.Generate(Small with { OedemaLevels = ["X9"] }));
        Assert.Throws<ArgumentException>(() => SpineMrPhantom.Generate(Small with { FirstLevel = "S1", LastLevel = "L2" }));
    }
}
