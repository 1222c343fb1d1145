using Imaging.Dicom.Data;
using Imaging.Dicom.Json;

namespace Imaging.Dicom.Tests.Json;

public sealed class BulkDataUriTests
{
    private const string Json = """
        {"52009230":{"vr":"SQ","Value":[{},{"00283006":{"vr":"OW","BulkDataURI":"https://pacs/bulk/lut"}}]},
         "7FE00010":{"vr":"OB","BulkDataURI":"https://pacs/bulk/pixels"}}
        """;

    [Fact]
    public void Keeps_a_bulk_data_uri_with_its_path_and_vr()
    {
        var dataset = DicomJsonReader.Parse(Json);

        var pixels = Assert.IsType<BulkDataUriBuffer>(dataset.GetElement(DicomTag.PixelData)!.Buffer);
        Assert.Equal("https://pacs/bulk/pixels", pixels.Uri);
        Assert.Equal(DicomVR.OB, pixels.VR);
        Assert.False(pixels.IsResolved);
        var lut = Assert.IsType<BulkDataUriBuffer>(dataset.GetSequence(new DicomTag(0x52009230))!.Items[1].GetElement(new DicomTag(0x00283006))!.Buffer);
        Assert.Equal("52009230/1/00283006", lut.Path.ToString());
        Assert.Equal([1], lut.Path.ItemIndexes);
    }

    [Fact]
    public void Throws_a_clear_error_for_unresolved_bulk_data()
    {
        var element = DicomJsonReader.Parse(Json).GetElement(DicomTag.PixelData)!;

        var e = Assert.Throws<InvalidOperationException>(() => element.Buffer.GetMemory());

        Assert.Contains("https://pacs/bulk/pixels", e.Message);
        Assert.Contains(nameof(DicomJsonReaderOptions.BulkDataResolver), e.Message);
        Assert.Throws<InvalidOperationException>(() => element.Length);
    }

    [Fact]
    public void Fetches_bulk_data_once_through_the_resolver()
    {
        var calls = new List<string>();
        var options = new DicomJsonReaderOptions
        {
            BulkDataResolver = b =>
            {
                calls.Add(b.Uri);
                return new byte[] { 1, 2, 3, 4 };
            },
        };
        var element = DicomJsonReader.Parse(Json, options).GetElement(DicomTag.PixelData)!;

        Assert.Equal(4, element.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, element.Buffer.GetMemory().ToArray());
        Assert.True(element.Buffer.IsLoaded);
        Assert.Equal(["https://pacs/bulk/pixels"], calls);
    }

    [Fact]
    public void Takes_a_value_supplied_later()
    {
        var buffer = (BulkDataUriBuffer)DicomJsonReader.Parse(Json).GetElement(DicomTag.PixelData)!.Buffer;

        buffer.SetValue(new byte[] { 9, 8 });
        using var copy = new MemoryStream();
        buffer.CopyTo(copy);

        Assert.Equal(new byte[] { 9, 8 }, copy.ToArray());
    }

    [Fact]
    public void Writes_resolved_bulk_data_inline_and_unresolved_as_the_same_uri()
    {
        var dataset = DicomJsonReader.Parse(Json);
        ((BulkDataUriBuffer)dataset.GetElement(DicomTag.PixelData)!.Buffer).SetValue(new byte[] { 1, 2 });

        var json = DicomJsonWriter.Serialize(dataset);

        Assert.Equal(
            """{"52009230":{"vr":"SQ","Value":[{},{"00283006":{"vr":"OW","BulkDataURI":"https://pacs/bulk/lut"}}]},"7FE00010":{"vr":"OB","InlineBinary":"AQI="}}""",
            json);
    }

    [Fact]
    public void Accepts_bulk_data_for_numeric_and_text_vrs()
    {
        var dataset = DicomJsonReader.Parse("""{"00283010":{"vr":"FD","BulkDataURI":"b/1"},"00104000":{"vr":"LT","BulkDataURI":"b/2"}}""");

        Assert.IsType<BulkDataUriBuffer>(dataset.GetElement(new DicomTag(0x00283010))!.Buffer);
        Assert.IsType<BulkDataUriBuffer>(dataset.GetElement(new DicomTag(0x00104000))!.Buffer);
    }

    [Fact]
    public void Tag_paths_compare_by_value_and_print_as_uri_segments()
    {
        var a = new DicomTagPath([new DicomTag(0x52009230), new DicomTag(0x00289110), new DicomTag(0x00280030)], [3, 0]);
        var b = new DicomTagPath([new DicomTag(0x52009230), new DicomTag(0x00289110), new DicomTag(0x00280030)], [3, 0]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("52009230/3/00289110/0/00280030", a.ToString());
        Assert.Equal(2, a.Depth);
        Assert.Throws<ArgumentException>(() => new DicomTagPath([new DicomTag(0x00100010)], [0]));
    }
}
