using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;
using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Tests.Json.JsonTestData;

namespace Imaging.Dicom.Tests.Json;

public sealed class DicomJsonRoundTripTests
{
    private static (string First, DicomDataset Read, string Second) RoundTrip(DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        var first = DicomJsonWriter.Serialize(dataset, options);
        var read = DicomJsonReader.Parse(first);
        return (first, read, DicomJsonWriter.Serialize(read, options));
    }

    [Fact]
    public void Round_trips_every_vr_to_identical_json()
    {
        var (first, _, second) = RoundTrip(EveryVR());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Round_trips_every_vr_to_identical_value_bytes()
    {
        var original = EveryVR();

        var (_, read, _) = RoundTrip(original);

        AssertSameBytes(original, read);
    }

    private static void AssertSameBytes(DicomDataset expected, DicomDataset actual)
    {
        Assert.Equal(expected.Select(a => a.Tag), actual.Select(a => a.Tag));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.VR, a.VR);
            switch (e)
            {
                case DicomSequence es:
                    var s = Assert.IsType<DicomSequence>(a);
                    Assert.Equal(es.Items.Count, s.Items.Count);
                    foreach (var (ei, ai) in es.Items.Zip(s.Items)) AssertSameBytes(ei, ai);
                    break;
                case DicomElement ee:
                    var expectedBytes = ee.Buffer.GetMemory().ToArray();
                    var actualBytes = Assert.IsType<DicomElement>(a).Buffer.GetMemory().ToArray();
                    Assert.True(expectedBytes.AsSpan().SequenceEqual(actualBytes),
                        $"{e.Tag} {DicomVRInfo.Code(e.VR)}: [{Convert.ToHexString(expectedBytes)}] became [{Convert.ToHexString(actualBytes)}]");
                    break;
            }
        }
    }

    [Fact]
    public void Round_trips_pretty_printed_json()
    {
        var options = new DicomJsonWriterOptions { Indented = true };

        var (first, _, second) = RoundTrip(EveryVR(), options);

        Assert.Equal(first, second);
        Assert.Contains("\n", first);
    }

    [Fact]
    public void Round_trips_non_numeric_decimal_strings_and_special_floats()
    {
        var dataset = Dataset(
            Element(0x00180050, DicomVR.DS, "abc\\1,5\\\\.5"),
            Element(0x00200013, DicomVR.IS, "12.0\\+7"),
            DicomElement.FromValues(new DicomTag(0x00189089), DicomVR.FD, double.NaN, double.NegativeInfinity, double.Epsilon),
            DicomElement.FromValues(new DicomTag(0x00189306), DicomVR.FL, float.PositiveInfinity, float.MaxValue));

        var (first, read, second) = RoundTrip(dataset);

        Assert.Equal(first, second);
        Assert.Equal(["abc", "1,5", "", "0.5"], read.GetStrings(new DicomTag(0x00180050)));
        Assert.Equal(["12.0", "7"], read.GetStrings(new DicomTag(0x00200013)));
        Assert.Equal([double.NaN, double.NegativeInfinity, double.Epsilon], read.GetElement(new DicomTag(0x00189089))!.GetValues<double>());
        Assert.Equal([float.PositiveInfinity, float.MaxValue], read.GetElement(new DicomTag(0x00189306))!.GetValues<float>());
    }

    [Fact]
    public void Round_trips_bulk_data_references()
    {
        var options = new DicomJsonWriterOptions { BulkDataThreshold = 0, BulkDataUriFactory = p => "https://pacs/bulk/" + p };
        var dataset = Dataset(Bytes(0x7FE00010, DicomVR.OW, 1, 2, 3, 4), Sequence(0x00081115, Dataset(Bytes(0x00091001, DicomVR.UN, 5, 6))));

        var (first, read, second) = RoundTrip(dataset, options);

        Assert.Equal(first, DicomJsonWriter.Serialize(read));
        Assert.Equal(first, second);
        Assert.Equal("https://pacs/bulk/00081115/0/00091001",
            ((BulkDataUriBuffer)read.GetSequence(new DicomTag(0x00081115))!.Items[0].GetElement(new DicomTag(0x00091001))!.Buffer).Uri);
    }

    public static TheoryData<string> ReadableCorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in TestPaths.WellFormedCorpusFiles()) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReadableCorpusFiles))]
    public void Round_trips_corpus_files_to_identical_json(string relativePath)
    {
        var dataset = DicomFileReader.Read(TestPaths.Corpus(relativePath)).Dataset;

        var (first, _, second) = RoundTrip(dataset);

        Assert.True(first == second, $"{relativePath}: {DicomJsonComparer.FirstDifference(first, second, "first", "second")}");
    }
}
