using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>DCMTK writes, we read: dcmconv's encodings of corpus files in each uncompressed syntax (and with undefined
/// lengths, group lengths, padding) read to the same values as the originals.</summary>
[Collection(DcmtkCollection.Name)]
public class WeReadDcmtkFilesTests(DcmtkFixture fixture)
{
    private static readonly DicomTag DataSetTrailingPadding = new(0xFFFC, 0xFFFC);

    public static TheoryData<string, string> SourcesAndSyntaxes()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in new[] { "ct_mr/CT_WG04_CT1_ELE.dcm", "ct_mr/CT_enhanced_eCT_Supplemental.dcm", "interop/ts/wave_dfl_Deflated_waveform.dcm" })
            foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes)
                data.Add(source, ReadWriteCorpus.ShortName(syntax));
        // An implicit source: DCMTK's explicit copies carry the VRs of its dictionary.
        foreach (var syntax in new[] { "ExplicitLE", "ExplicitBE", "Deflated" })
            data.Add("ct_mr/CT_WG04_CT1_ILE.dcm", syntax);
        return data;
    }

    [Theory]
    [MemberData(nameof(SourcesAndSyntaxes))]
    public async Task We_read_dcmconv_output_in_each_syntax_to_the_values_of_the_original(string corpusFile, string syntaxName)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        var converted = DicomFileReader.Read(await fixture.DcmconvCorpus(corpusFile, Dcmtk.WriteFlag(syntaxName)));

        var syntax = ReadWriteCorpus.FromShortName(syntaxName);
        Assert.Equal(syntax.Uid, converted.TransferSyntax.Uid);
        Assert.Empty(converted.Warnings);
        Assert.False(converted.IsPartial);
        // Implicit VR on either side leaves VRs to a dictionary (ours or DCMTK's); DCMTK trims trailing padding
        // from some text values when it rewrites them.
        DatasetComparison.AssertEquivalent(original.Dataset, converted.Dataset,
            DatasetComparisonOptions.Transcoded with { TolerateTrimmedPadding = true }, $"{corpusFile} by dcmconv as {syntaxName}");
        if (original.TransferSyntax.IsExplicitVR && syntax.IsExplicitVR)
            DatasetComparison.AssertEquivalent(original.Dataset, converted.Dataset,
                DatasetComparisonOptions.Rewritten with { TolerateTrimmedPadding = true }, $"{corpusFile} by dcmconv as {syntaxName}, VRs");
    }

    [Fact]
    public async Task We_read_dcmconv_big_endian_pixel_data_deferred_and_swapped()
    {
        var path = await fixture.DcmconvCorpus("ct_mr/CT_WG04_CT1_ELE.dcm", "+tb");
        var converted = DicomFileReader.Read(path);
        var pixels = (DicomElement)converted.Dataset[DicomTag.PixelData]!;
        var buffer = Assert.IsType<FileRangeBuffer>(pixels.Buffer);
        Assert.Equal(2, buffer.SwapUnit);
        var expected = ((DicomElement)ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ELE.dcm").Dataset[DicomTag.PixelData]!).Buffer.GetMemory();
        Assert.True(buffer.GetMemory().Span.SequenceEqual(expected.Span));
    }

    [Fact]
    public async Task We_read_dcmconv_undefined_lengths_as_undefined_and_to_the_same_values()
    {
        const string corpusFile = "ct_mr/CT_enhanced_eCT_Supplemental.dcm";
        var original = ReadWriteCorpus.Read(corpusFile);
        var converted = DicomFileReader.Read(await fixture.DcmconvCorpus(corpusFile, "-e", "+tb"));
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian.Uid, converted.TransferSyntax.Uid);
        var sequences = DatasetComparison.Flatten(converted.Dataset).OfType<DicomSequence>().ToList();
        Assert.NotEmpty(sequences);
        Assert.All(sequences, s => Assert.True(s.UndefinedLength, s.Tag.ToString()));
        Assert.All(sequences.SelectMany(s => s.Items), i => Assert.True(i.UndefinedLength));
        DatasetComparison.AssertEquivalent(original.Dataset, converted.Dataset, DatasetComparisonOptions.Rewritten with { TolerateTrimmedPadding = true });
    }

    [Fact]
    public async Task Our_group_lengths_equal_the_ones_dcmconv_writes()
    {
        const string corpusFile = "ct_mr/CT_enhanced_eCT_Supplemental.dcm";
        var original = ReadWriteCorpus.Read(corpusFile);
        var withGroupLengths = DicomFileReader.Read(await fixture.DcmconvCorpus(corpusFile, "+g", "+ti"));
        var groupLengths = withGroupLengths.Dataset.Where(a => a.Tag.IsGroupLength).ToList();
        Assert.True(groupLengths.Count > 5);
        DatasetComparison.AssertEquivalent(original.Dataset, withGroupLengths.Dataset,
            DatasetComparisonOptions.Transcoded with { IgnoreGroupLengthElements = true, TolerateTrimmedPadding = true });

        // Rewritten by us in the same syntax, every group length is recomputed and must agree with DCMTK's.
        var ours = ReadWriteCorpus.RoundTrip(withGroupLengths);
        DatasetComparison.AssertEquivalent(withGroupLengths.Dataset, ours.Dataset, DatasetComparisonOptions.Exact);
        // And in Explicit VR, where long VRs have 12-byte headers.
        var explicitGroupLengths = DicomFileReader.Read(await fixture.DcmconvCorpus(corpusFile, "+g", "+te"));
        var oursExplicit = ReadWriteCorpus.RoundTrip(explicitGroupLengths);
        DatasetComparison.AssertEquivalent(explicitGroupLengths.Dataset, oursExplicit.Dataset, DatasetComparisonOptions.Exact);
    }

    [Fact]
    public async Task We_read_dcmconv_padding_elements_at_the_end_of_the_dataset_and_items()
    {
        const string corpusFile = "ct_mr/CT_enhanced_eCT_Supplemental.dcm";
        var original = ReadWriteCorpus.Read(corpusFile);
        var path = await fixture.DcmconvCorpus(corpusFile, "+p", "512", "64", "+te");
        var padded = DicomFileReader.Read(path);
        Assert.Equal(0, new FileInfo(path).Length % 512);
        Assert.Equal(DataSetTrailingPadding, padded.Dataset.Last().Tag);
        Assert.Contains(DatasetComparison.Flatten(padded.Dataset).OfType<DicomSequence>().SelectMany(s => s.Items),
            item => item.Contains(DataSetTrailingPadding));
        DatasetComparison.AssertEquivalent(original.Dataset, padded.Dataset,
            DatasetComparisonOptions.Rewritten with { Ignore = new HashSet<DicomTag> { DataSetTrailingPadding }, TolerateTrimmedPadding = true });
    }
}
