using System.Runtime.InteropServices;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Tests.Spine;

public sealed class SpineDicomOutputTests(SpinePhantomFixture fixture) : IClassFixture<SpinePhantomFixture>
{
    [Fact]
    public async Task Slices_read_back_as_a_ct_series_with_one_frame_of_reference_and_even_steps_down_the_table()
    {
        using var temp = new TempFolder();
        var paths = await fixture.Noisy.WriteAsync(temp.Path);
        var truth = fixture.Noisy.GroundTruth;
        Assert.Equal(truth.Instances, paths.Count);
        Assert.True(File.Exists(Path.Combine(temp.Path, "spinect-truth.json")));

        var files = paths.Select(p => DicomFileReader.Read(p)).ToList();
        var first = files[0].Dataset;
        Assert.Equal("CT", first.GetSingleString(DicomTags.Modality));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", first.GetSingleString(DicomTags.SOPClassUID));
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], first.GetStrings(DicomTags.ImageType));
        Assert.Equal(1, first.GetInteger(DicomTags.PixelRepresentation));
        Assert.Equal(-1024, first.GetDecimal(DicomTags.RescaleIntercept));
        Assert.Equal(1, first.GetDecimal(DicomTags.RescaleSlope));
        Assert.Equal(0.8, first.GetDecimal(DicomTags.PixelSpacing));
        Assert.Equal(2, first.GetDecimal(DicomTags.SliceThickness));
        Assert.Equal([1, 0, 0, 0, 1, 0], first.GetElement(DicomTags.ImageOrientationPatient)!.GetDecimals());

        Assert.All(files, f => Assert.Equal(truth.FrameOfReferenceUid, f.Dataset.GetSingleString(DicomTags.FrameOfReferenceUID)));
        Assert.All(files, f => Assert.Equal(truth.SeriesInstanceUid, f.Dataset.GetSingleString(DicomTags.SeriesInstanceUID)));
        Assert.Equal(files.Count, files.Select(f => f.Dataset.GetSingleString(DicomTags.SOPInstanceUID)).Distinct().Count());
        var z = files.Select(f => f.Dataset.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals()[2]).ToArray();
        Assert.Equal(truth.TopSliceZMm, z[0], 3);
        for (var i = 1; i < z.Length; i++) Assert.Equal(-2, z[i] - z[i - 1], 3);
        Assert.Equal(Enumerable.Range(1, files.Count).Select(i => (long?)i), files.Select(f => f.Dataset.GetInteger(DicomTags.InstanceNumber)));
    }

    [Fact]
    public async Task Dcmdump_reads_a_slice_without_a_single_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("slice.dcm");
        await File.WriteAllBytesAsync(path, fixture.Noisy.ToBytes(10));
        var result = await ExternalTool.RunAsync("dcmdump", "+E", "-q", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError.Trim());
        Assert.Contains("(0028,1052) DS [-1024]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(0008,0060) CS [CT]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Hu_values_at_known_points_are_the_tissue_values()
    {
        var study = fixture.Clean;
        var truth = study.GroundTruth;
        var l3 = Level(truth, "L3");
        var t9 = Level(truth, "T9");
        // Blastic lesion at L3's centre, plain trabecular bone at T9's centre.
        Assert.Equal(900, HuAt(study, l3.CentroidMm), 0);
        Assert.Equal(200, HuAt(study, Lerp(t9.CentroidMm, t9.SuperiorEndPlate.PointMm, 0.4)), 0);
        Assert.InRange(HuAt(study, Level(truth, "T11").CentroidMm), 25, 40);
        // Disc between T9 and T10: midway between T9's lower and T10's upper plate.
        Assert.Equal(80, HuAt(study, Lerp(t9.InferiorEndPlate.PointMm, Level(truth, "T10").SuperiorEndPlate.PointMm, 0.5)), 0);
        // Cement somewhere inside L1.
        var l1 = Level(truth, "L1");
        var samples = Enumerable.Range(-6, 13).SelectMany(dx => Enumerable.Range(-6, 13).Select(dy =>
            HuAt(study, [l1.CentroidMm[0] + dx, l1.CentroidMm[1] + dy, l1.CentroidMm[2]]))).ToList();
        Assert.Contains(samples, v => v > 2000);
        // Air behind the patient, in the bottom row of the image.
        Assert.Equal(-1000, Slice(study, 0)[255 * 256 + 128] - 1024);
    }

    [Fact]
    public void Noise_has_the_requested_standard_deviation_inside_a_uniform_region()
    {
        var clean = fixture.Clean;
        var noisy = SpineCtPhantom.Generate(SpinePhantomFixture.FracturedOptions with { BlurFwhmMm = 0 });
        var a = Slice(clean, 30);
        var b = Slice(noisy, 30);
        var diffs = a.Zip(b, (x, y) => (double)(y - x)).ToArray();
        var mean = diffs.Average();
        var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / diffs.Length);
        Assert.InRange(mean, -0.5, 0.5);
        Assert.InRange(sd, 11.5, 12.5);
    }

    [Fact]
    public void Same_options_give_the_same_bytes_and_another_seed_other_uids()
    {
        var options = SpinePhantomFixture.FracturedOptions with { FirstLevel = "L1", LastLevel = "L1", Rows = 64, Columns = 64, PixelSpacingMm = 2 };
        var a = SpineCtPhantom.Generate(options);
        var b = SpineCtPhantom.Generate(options);
        var c = SpineCtPhantom.Generate(options with { Seed = 2 });
        Assert.Equal(a.ToBytes(3), b.ToBytes(3));
        Assert.Equal(a.GroundTruthJson(), b.GroundTruthJson());
        Assert.NotEqual(a.GroundTruth.StudyInstanceUid, c.GroundTruth.StudyInstanceUid);
        Assert.StartsWith("2.25.", a.GroundTruth.SeriesInstanceUid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_duplicated_and_tilted_slices_are_written_as_asked()
    {
        var options = SpinePhantomFixture.FracturedOptions with
        {
            FirstLevel = "L1", LastLevel = "L1", Rows = 64, Columns = 64, PixelSpacingMm = 2,
            DroppedSlices = [5, 6], DuplicatedSlices = [10], GantryTiltDegrees = 12,
        };
        var study = SpineCtPhantom.Generate(options);
        var truth = study.GroundTruth;
        Assert.Equal(truth.PlannedSlices - 2 + 1, study.Instances.Count);
        Assert.Equal(12, study.Instances[0].Dataset.GetDecimal(DicomTags.GantryDetectorTilt));
        var orientation = study.Instances[0].Dataset.GetElement(DicomTags.ImageOrientationPatient)!.GetDecimals();
        Assert.Equal(Math.Cos(12 * Math.PI / 180), orientation[4], 5);
        var positions = study.Instances.Select(i => i.Dataset.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals()[2]).ToList();
        Assert.Equal(positions.Count - 1, positions.Distinct().Count());
        Assert.Contains(positions.Zip(positions.Skip(1), (p, q) => p - q), step => Math.Abs(step - 6) < 1e-3);
    }

    private static VertebraTruth Level(SpineCtGroundTruth truth, string name) => truth.Vertebrae.Single(v => v.Level == name);

    private static double[] Lerp(double[] a, double[] b, double t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

    private static short[] Slice(SpineCtStudy study, int index)
    {
        var file = study.Instances[index];
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var buffer = new byte[pixels.Description.FrameLength];
        pixels.DecodeFrame(0, buffer);
        return MemoryMarshal.Cast<byte, short>(buffer).ToArray();
    }

    /// <summary>HU of the slice nearest to the point's z, at the nearest pixel (axial, untilted series).</summary>
    private static double HuAt(SpineCtStudy study, double[] point)
    {
        var index = (int)Math.Round((study.GroundTruth.TopSliceZMm - point[2]) / study.Options.SliceSpacingMm);
        var ds = study.Instances[index].Dataset;
        var origin = ds.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
        var spacing = study.Options.PixelSpacingMm;
        var column = (int)Math.Round((point[0] - origin[0]) / spacing);
        var row = (int)Math.Round((point[1] - origin[1]) / spacing);
        return Slice(study, index)[row * study.Options.Columns + column] - 1024;
    }
}
