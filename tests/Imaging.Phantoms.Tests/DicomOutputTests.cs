using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms;

namespace Imaging.Phantoms.Tests;

public sealed class DicomOutputTests(PhantomFixture fixture) : IClassFixture<PhantomFixture>
{
    [Fact]
    public async Task Two_frame_instance_reads_back_with_our_reader_and_each_frame_names_its_view()
    {
        using var temp = new TempFolder();
        var paths = await fixture.Noisy.WriteAsync(temp.Path);
        Assert.Single(paths);
        var file = DicomFileReader.Read(paths[0]);
        var ds = file.Dataset;

        Assert.Equal("NM", ds.GetSingleString(DicomTags.Modality));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.20", ds.GetSingleString(DicomTags.SOPClassUID));
        Assert.Equal(["ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION"], ds.GetStrings(DicomTags.ImageType));
        Assert.Equal(2, ds.GetInteger(DicomTags.NumberOfFrames));
        Assert.Equal(256, ds.GetInteger(DicomTags.Columns));
        Assert.Equal(1024, ds.GetInteger(DicomTags.Rows));
        Assert.Equal(2.4, ds.GetDecimal(DicomTags.PixelSpacing));
        Assert.StartsWith("2.25.", ds.GetSingleString(DicomTags.StudyInstanceUID));
        Assert.Equal(fixture.Noisy.GroundTruth.StudyInstanceUid, ds.GetSingleString(DicomTags.StudyInstanceUID));

        var pixels = DicomPixelData.Create(ds, file.TransferSyntax);
        Assert.Equal(2, pixels.FrameCount);
        var anterior = pixels.GetFrameMetadata(0).NuclearMedicine!;
        var posterior = pixels.GetFrameMetadata(1).NuclearMedicine!;
        Assert.Equal([DicomTags.EnergyWindowVector, DicomTags.DetectorVector], anterior.FrameIncrementPointers);
        Assert.Equal((1, "anterior projection"), (anterior.Detector, anterior.DetectorView));
        Assert.Equal((2, "posterior projection"), (posterior.Detector, posterior.DetectorView));

        foreach (var (frame, view) in new[] { (0, PhantomView.Anterior), (1, PhantomView.Posterior) })
        {
            var decoded = new byte[pixels.Description.FrameLength];
            pixels.DecodeFrame(frame, decoded);
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(decoded).SequenceEqual(fixture.Noisy.Counts(view)));
        }
        Assert.Equal(fixture.Noisy.GroundTruth.CountsAnterior + fixture.Noisy.GroundTruth.CountsPosterior, ds.GetInteger(DicomTags.CountsAccumulated));
    }

    [Fact]
    public async Task Dcmdump_reads_the_file_without_a_single_error()
    {
        using var temp = new TempFolder();
        var paths = await fixture.Noisy.WriteAsync(temp.Path);
        var result = await ExternalTool.RunAsync("dcmdump", "+E", "-q", paths[0]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError.Trim());
        Assert.Contains("(0054,0220) SQ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[399321004]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[399001007]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AT (0054,0010)\\(0054,0020)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Tc99m_phantom_records_mdp_740_mbq_and_a_15_percent_window_at_140_kev()
    {
        var ds = fixture.Noisy.Instances[0].Dataset;
        var window = ds.GetSequence(DicomTags.EnergyWindowInformationSequence)!.Items[0].GetSequence(DicomTags.EnergyWindowRangeSequence)!.Items[0];
        Assert.Equal(129.5, window.GetDecimal(DicomTags.EnergyWindowLowerLimit));
        Assert.Equal(150.5, window.GetDecimal(DicomTags.EnergyWindowUpperLimit));
        var drug = ds.GetSequence(DicomTags.RadiopharmaceuticalInformationSequence)!.Items[0];
        Assert.Equal(740, drug.GetDecimal(DicomTags.RadionuclideTotalDose));
        Assert.Equal("96390006", drug.GetSequence(DicomTags.RadiopharmaceuticalCodeSequence)!.Items[0].GetSingleString(DicomTags.CodeValue));
        Assert.Equal("72454006", drug.GetSequence(DicomTags.RadionuclideCodeSequence)!.Items[0].GetSingleString(DicomTags.CodeValue));
        Assert.True(ds.GetInteger(DicomTags.ActualFrameDuration) > 0);
    }

    [Fact]
    public void Sm153_variant_has_a_103_kev_window_and_samarium_as_radionuclide()
    {
        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Tracer = PhantomTracer.Sm153Lexidronam, Seed = 5 });
        var ds = study.Instances[0].Dataset;
        var window = ds.GetSequence(DicomTags.EnergyWindowInformationSequence)!.Items[0].GetSequence(DicomTags.EnergyWindowRangeSequence)!.Items[0];
        var lower = window.GetDecimal(DicomTags.EnergyWindowLowerLimit)!.Value;
        var upper = window.GetDecimal(DicomTags.EnergyWindowUpperLimit)!.Value;
        Assert.Equal(103, (lower + upper) / 2, 3);
        Assert.Equal(103 * 0.15, upper - lower, 1);
        var drug = ds.GetSequence(DicomTags.RadiopharmaceuticalInformationSequence)!.Items[0];
        Assert.Equal("^153^Samarium", drug.GetSequence(DicomTags.RadionuclideCodeSequence)!.Items[0].GetSingleString(DicomTags.CodeMeaning));
        Assert.Contains("EDTMP", drug.GetSingleString(DicomTags.Radiopharmaceutical), StringComparison.Ordinal);
        Assert.Equal(103, study.GroundTruth.EnergyKeV);
    }

    [Theory]
    [InlineData(PhantomLayout.InstancePerView, 1)]
    [InlineData(PhantomLayout.SeriesPerView, 2)]
    public void One_view_layouts_write_two_single_frame_instances_whose_detector_names_the_view(PhantomLayout layout, int seriesCount)
    {
        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Layout = layout, Seed = 3 });
        Assert.Equal(2, study.Instances.Count);
        Assert.Equal(seriesCount, study.Instances.Select(i => i.Dataset.GetSingleString(DicomTags.SeriesInstanceUID)).Distinct().Count());
        Assert.Single(study.Instances.Select(i => i.Dataset.GetSingleString(DicomTags.StudyInstanceUID)).Distinct());
        string[] views = ["anterior projection", "posterior projection"];
        for (var i = 0; i < 2; i++)
        {
            var ds = study.Instances[i].Dataset;
            Assert.Equal(1, ds.GetInteger(DicomTags.NumberOfFrames));
            var metadata = DicomPixelData.Create(ds, study.Instances[i].TransferSyntax).GetFrameMetadata(0).NuclearMedicine!;
            Assert.Equal(views[i], metadata.DetectorView);
            Assert.Equal(i == 0 ? ["L", "F"] : new[] { "R", "F" }, ds.GetStrings(DicomTags.PatientOrientation));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_other_bytes_and_uids()
    {
        var again = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 42 });
        Assert.Equal(fixture.Noisy.ToBytes(), again.ToBytes());
        Assert.Equal(fixture.Noisy.GroundTruthJson(), again.GroundTruthJson());

        var other = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 43 });
        Assert.NotEqual(fixture.Noisy.ToBytes(), other.ToBytes());
        Assert.NotEqual(fixture.Noisy.GroundTruth.StudyInstanceUid, other.GroundTruth.StudyInstanceUid);
        Assert.NotEqual(fixture.Noisy.GroundTruth.PatientId, other.GroundTruth.PatientId);
    }

    [Fact]
    public void Bad_options_are_refused_before_anything_is_drawn()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { Columns = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { CountsPerView = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { Lesions = [new("x", LesionPlacement.AtSite("T1"), Contrast: 0.5)] }));
        Assert.Throws<ArgumentException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { Lesions = [new("x", LesionPlacement.AtSite("T1")), new("x", LesionPlacement.AtSite("T2"))] }));
        var unknown = Assert.Throws<ArgumentException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { Lesions = [new("x", LesionPlacement.AtSite("T13"))] }));
        Assert.Contains("T12", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BoneScanPhantom.Generate(new BoneScanPhantomOptions { CountsPerView = 1_500_000_000 }));
    }
}
