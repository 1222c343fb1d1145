using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

public sealed class KeyImageWriterTests
{
    private const int Gap = 4;

    private static KeyImageContent Content()
    {
        var marks = new KeyImageMark[]
        {
            new(FakeBoneScan.HotSpots[0].X, FakeBoneScan.HotSpots[0].Y, 4),
            new(FakeBoneScan.HotSpots[1].X, FakeBoneScan.HotSpots[1].Y, 3, MarkShape.Cross, RgbColor.Yellow),
        };
        return new KeyImageContent { Views = [new KeyImageView(1, marks), new KeyImageView(2, marks)], Gap = Gap };
    }

    [Fact]
    public async Task Dcm2pnm_shows_the_marks_at_the_lesion_positions_in_both_views()
    {
        using var temp = new TempFolder();
        var path = temp.File("key.dcm");
        await KeyImageWriter.WriteAsync(path, Content(), FakeBoneScan.CreateFile());

        var dump = await ExternalTool.RunAsync("dcmdump", "-q", path);
        Assert.Equal(0, dump.ExitCode);
        Assert.Equal("", dump.StandardError);
        Assert.Contains("=SecondaryCaptureImageStorage", dump.StandardOutput);
        Assert.Contains("(0028,0301) CS [YES]", dump.StandardOutput);
        Assert.Contains("(0008,2112) SQ", dump.StandardOutput);

        var ppm = temp.File("key.ppm");
        (await ExternalTool.RunAsync("dcm2pnm", "+op", path, ppm)).EnsureSuccess("dcm2pnm");
        var (width, height, rgb) = ReadPpm(ppm);
        Assert.Equal(2 * FakeBoneScan.Columns + Gap, width);
        Assert.Equal(FakeBoneScan.Rows, height);

        foreach (var left in new[] { 0, FakeBoneScan.Columns + Gap })
        {
            var (x0, y0) = FakeBoneScan.HotSpots[0];
            foreach (var (dx, dy) in new[] { (4, 0), (-4, 0), (0, 4), (0, -4) })
                Assert.Equal((255, 0, 0), Pixel(rgb, width, left + x0 + dx, y0 + dy));
            var (x1, y1) = FakeBoneScan.HotSpots[1];
            foreach (var (dx, dy) in new[] { (0, 0), (3, 0), (-3, 0), (0, 3), (0, -3) })
                Assert.Equal((255, 255, 0), Pixel(rgb, width, left + x1 + dx, y1 + dy));
            // Inside the ring the hot spot itself is still shown, grey and bright.
            var centre = Pixel(rgb, width, left + x0, y0);
            Assert.True(centre.R == centre.G && centre.G == centre.B && centre.R > 200, $"centre is {centre}");
            var body = Pixel(rgb, width, left + 32, 10);
            Assert.True(body.R == body.G && body.G == body.B, $"unmarked pixel is {body}");
        }
        // The gap between the views is black.
        Assert.Equal((0, 0, 0), Pixel(rgb, width, FakeBoneScan.Columns + 1, 64));
    }

    [Fact]
    public void Key_image_is_a_new_series_of_the_source_study_referencing_the_source_frames()
    {
        var file = FakeBoneScan.CreateFile();
        var key = KeyImageWriter.Build(Content(), file.Dataset, file.TransferSyntax);

        Assert.Equal(DicomUids.SecondaryCaptureImageStorage.Uid, key.GetSingleString(DicomTag.SopClassUid));
        Assert.Equal(FakeBoneScan.StudyUid, key.GetSingleString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(FakeBoneScan.SeriesUid, key.GetSingleString(DicomTags.SeriesInstanceUID));
        Assert.Equal("YES", key.GetSingleString(DicomTags.BurnedInAnnotation));
        Assert.Equal("WSD", key.GetSingleString(DicomTags.ConversionType));
        Assert.False(string.IsNullOrEmpty(key.GetSingleString(DicomTags.DerivationDescription)));
        var source = Assert.Single(key.GetSequence(DicomTags.SourceImageSequence)!.Items);
        Assert.Equal(FakeBoneScan.SopUid, source.GetSingleString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(["1", "2"], source.GetStrings(DicomTags.ReferencedFrameNumber));
    }

    [Fact]
    public void Rejects_a_frame_the_source_lacks_and_a_mark_outside_its_frame()
    {
        var file = FakeBoneScan.CreateFile();
        var noFrame = new KeyImageContent { Views = [new KeyImageView(3, [])] };
        Assert.Throws<ArgumentException>(() => KeyImageWriter.Build(noFrame, file.Dataset, file.TransferSyntax));
        var outside = new KeyImageContent { Views = [new KeyImageView(1, [new KeyImageMark(FakeBoneScan.Columns, 5, 3)])] };
        Assert.Throws<ArgumentException>(() => KeyImageWriter.Build(outside, file.Dataset, file.TransferSyntax));
        var hugeRadius = new KeyImageContent { Views = [new KeyImageView(1, [new KeyImageMark(5, 5, 1e9)])] };
        Assert.Throws<ArgumentException>(() => KeyImageWriter.Build(hugeRadius, file.Dataset, file.TransferSyntax));
    }

    [Fact]
    public void Marks_near_the_frame_edges_are_clipped_not_spilled_into_the_next_view()
    {
        var file = FakeBoneScan.CreateFile();
        var content = new KeyImageContent
        {
            Views = [new KeyImageView(1, [new KeyImageMark(FakeBoneScan.Columns - 1, 0, 8)]), new KeyImageView(2, [new KeyImageMark(0, FakeBoneScan.Rows - 1, 8, MarkShape.Cross)])],
            Gap = Gap,
        };
        var key = KeyImageWriter.Build(content, file.Dataset, file.TransferSyntax);
        var pixels = key.GetElement(Imaging.Dicom.Data.DicomTag.PixelData)!.Buffer.GetMemory().ToArray();
        var width = 2 * FakeBoneScan.Columns + Gap;
        Assert.Equal((255, 0, 0), Pixel(pixels, width, FakeBoneScan.Columns - 1 - 8, 0));
        Assert.Equal((255, 0, 0), Pixel(pixels, width, FakeBoneScan.Columns + Gap + 8, FakeBoneScan.Rows - 1));
        // The first view's ring would reach x = Columns + 7: the gap stays black and the second view keeps its grey.
        Assert.Equal((0, 0, 0), Pixel(pixels, width, FakeBoneScan.Columns + 1, 0));
        var next = Pixel(pixels, width, FakeBoneScan.Columns - 1 + 8, 0);
        Assert.True(next.R == next.G && next.G == next.B, $"second view pixel is {next}");
    }

    [Fact]
    public void Truncated_source_pixel_data_is_a_pixel_data_exception()
    {
        var file = FakeBoneScan.CreateFile();
        file.Dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(new byte[100])));
        Assert.Throws<Imaging.Dicom.Imaging.PixelDataException>(() => KeyImageWriter.Build(Content(), file.Dataset, file.TransferSyntax));
    }

    private static (int R, int G, int B) Pixel(byte[] rgb, int width, int x, int y)
    {
        var i = (y * width + x) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    /// <summary>Reads a binary PPM (P6, maxval 255), skipping header comments.</summary>
    private static (int Width, int Height, byte[] Rgb) ReadPpm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var pos = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)bytes[pos])) pos++;
                if (bytes[pos] != '#') break;
                while (bytes[pos] != '\n') pos++;
            }
            var start = pos;
            while (!char.IsWhiteSpace((char)bytes[pos])) pos++;
            return Encoding.ASCII.GetString(bytes, start, pos - start);
        }
        Assert.Equal("P6", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        pos++;
        Assert.Equal(width * height * 3, bytes.Length - pos);
        return (width, height, bytes[pos..]);
    }
}
