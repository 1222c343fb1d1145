using Imaging.Dicom.IO;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Our RLE codec against DCMTK: files dcmcrle compressed decode to exactly what dcmdrle decompresses, and what
/// our encoder writes dcmdrle decompresses to exactly the original samples.</summary>
public sealed class RleDcmtkInteropTests
{
    /// <summary>Uncompressed corpus files: CT and MR (signed/unsigned 16-bit), NM multi-frame 16-bit, enhanced multi-frame.</summary>
    public static TheoryData<string> UncompressedCorpus() =>
    [
        "ct_mr/CT_WG04_CT1_ELE.dcm",
        "ct_mr/MR_brain_TS1_ELE.dcm",
        "ct_mr/CT_enhanced_eCT_Supplemental.dcm",
        "ct_mr/MR_enhanced_emri_small.dcm",
        "nm/NM-MONO2-16-13x-heart.dcm",
        "nm/WG04_NM1_UNC.dcm",
    ];

    /// <summary>RLE files from other encoders (GDCM, Clunie's test set), including a frame split over several fragments.</summary>
    public static TheoryData<string> RleCorpus() =>
    [
        "ct_mr/MR_brain_TS4_RLE.dcm",
        "nm/WG04_NM1_RLE.dcm",
        "interop/ts/CT0012_RLE_noBOT.dcm",
        "interop/ts/D_CLUNIE_CT1_RLE_FRAGS.dcm",
        "interop/ts/OBXXXX1A_RLE_palette.dcm",
    ];

    /// <summary>Synthetic images no corpus file covers: 8-bit RGB both planar configurations, 8-bit mono, 32-bit, multi-frame RGB.</summary>
    public static TheoryData<string> SyntheticImages() => ["rgb-interleaved", "rgb-planar", "rgb-3-frames", "mono8-odd-width", "mono32", "signed12-garbage"];

    private static DicomFile MakeSynthetic(string name) => name switch
    {
        "rgb-interleaved" => PixelTestFiles.Rgb8(37, 301, planar: 0),
        "rgb-planar" => PixelTestFiles.Rgb8(40, 129, planar: 1),
        "rgb-3-frames" => PixelTestFiles.Rgb8(16, 20, planar: 0, frames: 3),
        "mono8-odd-width" => PixelTestFiles.Synthetic(21, 333, 1, 8, 8, false, 1, 0, "MONOCHROME2",
            [.. Enumerable.Range(0, 21 * 333).Select(i => (byte)(i % 333 < 200 ? 17 : i * 31 % 251))]),
        "mono32" => PixelTestFiles.Synthetic(9, 130, 1, 32, 32, false, 1, 0, "MONOCHROME2",
            [.. Enumerable.Range(0, 9 * 130).SelectMany(i => BitConverter.GetBytes((uint)(i < 500 ? 0x01020304 : i * 2654435761u)))]),
        "signed12-garbage" => PixelTestFiles.Signed12WithGarbage(33, 64, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(UncompressedCorpus))]
    public async Task Decodes_dcmcrle_output_exactly_as_dcmdrle_decompresses_it(string corpusFile)
    {
        using var temp = new TempFolder();
        var rle = temp.File("rle.dcm");
        var back = temp.File("back.dcm");
        await PixelTestFiles.RunDcmtkAsync("dcmcrle", TestPaths.Corpus(corpusFile), rle);
        await PixelTestFiles.RunDcmtkAsync("dcmdrle", rle, back);

        Assert.Equal(DicomTransferSyntax.RleLossless, DicomFileReader.Read(rle).TransferSyntax);
        Assert.Equal(PixelTestFiles.NativePixels(back), PixelTestFiles.DecodeAll(rle));
    }

    [Theory]
    [MemberData(nameof(RleCorpus))]
    public async Task Decodes_rle_files_of_other_encoders_exactly_as_dcmdrle(string corpusFile)
    {
        using var temp = new TempFolder();
        var back = temp.File("back.dcm");
        await PixelTestFiles.RunDcmtkAsync("dcmdrle", TestPaths.Corpus(corpusFile), back);

        Assert.Equal(PixelTestFiles.NativePixels(back), PixelTestFiles.DecodeAll(TestPaths.Corpus(corpusFile)));
    }

    [Theory]
    [MemberData(nameof(UncompressedCorpus))]
    public async Task Our_rle_encoding_of_corpus_files_is_decoded_by_dcmdrle_to_the_original_samples(string corpusFile)
    {
        var source = DicomFileReader.Read(TestPaths.Corpus(corpusFile));
        await AssertDcmdrleRestoresAsync(source);
    }

    [Theory]
    [MemberData(nameof(SyntheticImages))]
    public async Task Our_rle_encoding_of_synthetic_images_is_decoded_by_dcmdrle_to_the_original_samples(string name)
    {
        await AssertDcmdrleRestoresAsync(MakeSynthetic(name));
    }

    [Theory]
    [MemberData(nameof(SyntheticImages))]
    public async Task Decodes_dcmcrle_output_of_synthetic_images_exactly_as_dcmdrle(string name)
    {
        using var temp = new TempFolder();
        var original = temp.File("original.dcm");
        var rle = temp.File("rle.dcm");
        var back = temp.File("back.dcm");
        DicomFileWriter.Write(original, MakeSynthetic(name));
        await PixelTestFiles.RunDcmtkAsync("dcmcrle", original, rle);
        await PixelTestFiles.RunDcmtkAsync("dcmdrle", rle, back);

        Assert.Equal(PixelTestFiles.NativePixels(back), PixelTestFiles.DecodeAll(rle));
    }

    private static async Task AssertDcmdrleRestoresAsync(DicomFile source)
    {
        using var temp = new TempFolder();
        var ours = temp.File("ours-rle.dcm");
        var back = temp.File("back.dcm");
        var rle = new DicomTranscoder().Transcode(source, DicomTransferSyntax.RleLossless);
        DicomFileWriter.Write(ours, rle);
        await PixelTestFiles.RunDcmtkAsync("dcmdrle", ours, back);

        var expected = PixelTestFiles.DecodeAll(source.Dataset, source.TransferSyntax);
        Assert.Equal(expected, PixelTestFiles.NativePixels(back));
    }
}
