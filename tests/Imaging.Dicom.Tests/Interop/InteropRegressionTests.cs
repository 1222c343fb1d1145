using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>Regression tests for library bugs the interop and read/write tests found (all fixed).</summary>
public class InteropRegressionTests
{
    [Fact]
    public void A_short_VR_value_over_64_KiB_survives_Explicit_VR_Big_Endian()
    {
        // e.g. LUT Data (0028,3006) US with 40000 entries: too long for a 16-bit length, so it is written as UN.
        var values = Enumerable.Range(0, 40_000).Select(i => (ushort)i).ToArray();
        var dataset = new DicomDataset();
        dataset.Set(DicomElement.FromValues(new DicomTag(0x0028, 0x3006), DicomVR.US, values));
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var copy = ReadWriteCorpus.RoundTrip(file, DicomTransferSyntax.ExplicitVRBigEndian);

        var element = copy.Dataset.GetElement(new DicomTag(0x0028, 0x3006))!;
        Assert.Equal(values, element.GetValues<ushort>()); // actual: 0, 256, 512, 768, ...
    }

    [Fact]
    public void Saving_a_file_over_itself_keeps_its_pixel_data()
    {
        using var temp = new TempFolder();
        var path = temp.File("in-place.dcm");
        File.Copy(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), path);
        var file = DicomFileReader.Read(path);
        var expected = ((DicomElement)ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ELE.dcm").Dataset[DicomTag.PixelData]!).Buffer.GetMemory().ToArray();

        DicomFileWriter.Write(path, file, DicomTransferSyntax.ExplicitVRBigEndian); // actual: IOException, file truncated

        var again = DicomFileReader.Read(path);
        Assert.Equal(expected, ((DicomElement)again.Dataset[DicomTag.PixelData]!).Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void Preserve_writes_new_sequences_and_items_with_undefined_length()
    {
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "CODE");
        var dataset = new DicomDataset();
        dataset.Set(new DicomSequence(new DicomTag(0x0040, 0xA043), [item]));
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var copy = ReadWriteCorpus.RoundTrip(file, options: new DicomWriterOptions { SequenceLength = SequenceLengthEncoding.Preserve });

        var sequence = copy.Dataset.GetSequence(new DicomTag(0x0040, 0xA043))!;
        Assert.True(sequence.UndefinedLength); // actual: false
        Assert.True(sequence.Items[0].UndefinedLength); // actual: false
    }

    [Fact]
    public void A_partial_read_lists_its_error_as_the_last_warning()
    {
        var bytes = File.ReadAllBytes(TestPaths.Corpus("ct_mr/CT_siemens_head_CSA_CC0.dcm"))[..20000];

        var file = DicomFileReader.Read(new MemoryStream(bytes), new DicomReaderOptions { KeepPartialOnError = true });

        Assert.True(file.IsPartial);
        Assert.NotNull(file.Error);
        Assert.NotEmpty(file.Warnings); // actual: empty
        Assert.Contains(file.Error.Reason, file.Warnings[^1].Message);
    }

    [Fact]
    public void An_IS_value_of_only_padding_reads_as_no_value()
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomElement(new DicomTag(0x0020, 0x0013), DicomVR.IS, DicomBuffer.FromBytes("  "u8.ToArray())));

        Assert.Null(dataset.GetInteger(new DicomTag(0x0020, 0x0013))); // actual: DicomValueException
    }
}
