using Imaging.Analysis.BoneScan;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>Step 1: views, tracer, geometry and counts from NM whole-body DICOM.</summary>
public sealed class BoneScanLoaderTests
{
    private static readonly SyntheticBoneScan Model = new() { Seed = 3 };

    [Fact]
    public void Two_frame_instance_gives_anterior_and_mirrored_posterior_from_the_detector_views()
    {
        using var temp = new TempFolder();
        var input = PhantomDicom.Input(PhantomDicom.TwoFrames(Model, temp.File("wb.dcm")));

        var study = BoneScanStudyLoader.Load(input, null, CancellationToken.None);

        var (anterior, posteriorStored) = Model.Render();
        Assert.Equal(anterior, study.Anterior!.Pixels);
        Assert.Equal(SyntheticBoneScan.Mirror(posteriorStored), study.Posterior!.Pixels);
        Assert.Equal(SyntheticBoneScan.SpacingMm, study.PixelSpacingMm);
        Assert.Equal(TracerStatus.Analysed, study.Tracer);
        Assert.Equal(900, study.AcquisitionSeconds);
        Assert.Equal((long)Math.Round(anterior.Sum(v => (double)v)), study.CountsAnterior);
        Assert.Empty(study.Warnings);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_instances_give_one_view_each_from_detector_view_or_image_type(bool labelled)
    {
        using var temp = new TempFolder();
        var input = PhantomDicom.Input(PhantomDicom.TwoInstances(Model, temp.Path, labelled));

        var study = BoneScanStudyLoader.Load(input, null, CancellationToken.None);

        var (anterior, posteriorStored) = Model.Render();
        Assert.Equal(anterior, study.Anterior!.Pixels);
        Assert.Equal(SyntheticBoneScan.Mirror(posteriorStored), study.Posterior!.Pixels);
        Assert.Empty(study.Warnings);
    }

    [Theory]
    [InlineData("Sm-153 EDTMP", 95, 111, TracerStatus.NotCounted)]
    [InlineData("", 95, 111, TracerStatus.NotCounted)]
    [InlineData("Tc99m HDP", 126, 154, TracerStatus.Analysed)]
    [InlineData("", 126, 154, TracerStatus.Analysed)]
    [InlineData("I-131", 328, 400, TracerStatus.NotCounted)]
    public void Tracer_is_read_from_radiopharmaceutical_and_energy_window(string tracer, double low, double high, TracerStatus expected)
    {
        using var temp = new TempFolder();
        var input = PhantomDicom.Input(PhantomDicom.TwoFrames(Model, temp.File("wb.dcm"), tracer, low, high));

        Assert.Equal(expected, BoneScanStudyLoader.Load(input, null, CancellationToken.None).Tracer);
    }

    [Theory]
    [InlineData("ANT", BoneScanView.Anterior)]
    [InlineData("WB POSTERIOR", BoneScanView.Posterior)]
    [InlineData("anterior", BoneScanView.Anterior)]
    [InlineData("ANT POST", null)]
    [InlineData("WHOLE BODY_E", null)]
    [InlineData("QUANTITATIVE", null)]
    public void View_names_are_recognised_as_whole_words(string text, BoneScanView? expected) =>
        Assert.Equal(expected, BoneScanViewResolver.ViewOf(text));

    [Fact]
    public void Truncated_pixel_data_becomes_a_warning_not_an_exception()
    {
        using var temp = new TempFolder();
        var path = PhantomDicom.TwoFrames(Model, temp.File("wb.dcm"), change: ds =>
            ds.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OW, new ushort[1000])));

        var study = BoneScanStudyLoader.Load(PhantomDicom.Input(path), null, CancellationToken.None);

        Assert.Null(study.Anterior);
        Assert.Contains(study.Warnings, w => w.Contains("not readable", StringComparison.Ordinal) && w.Contains("PixelDataException", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_single_view_whole_body_scan_loads_as_anterior_with_its_geometry()
    {
        // WG04_NM1_UNC: GE Millennium whole-body bone scan, 256 × 1024 at 2.26 mm, one unlabelled view, no
        // radiopharmaceutical sequence (dcmdump).
        var input = PhantomDicom.Input(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"));

        var study = BoneScanStudyLoader.Load(input, null, CancellationToken.None);

        Assert.NotNull(study.Anterior);
        Assert.Null(study.Posterior);
        Assert.Equal((256, 1024), (study.Anterior!.Width, study.Anterior.Height));
        Assert.Equal(2.26, study.PixelSpacingMm);
        Assert.Equal(TracerStatus.UnknownTracer, study.Tracer);
        Assert.Contains("a view without a view label was taken as anterior", study.Warnings);
    }
}
