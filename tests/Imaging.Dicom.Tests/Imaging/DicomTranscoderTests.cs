using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Transcoding through files on disk: lossless round trips keep every sample, attributes follow PS3.5.</summary>
public sealed class DicomTranscoderTests
{
    private static DicomFile WriteAndRead(DicomFile file, TempFolder temp, string name)
    {
        var path = temp.File(name);
        DicomFileWriter.Write(path, file);
        return DicomFileReader.Read(path);
    }

    private static DicomFile Source(string name) => name switch
    {
        "rgb" => PixelTestFiles.Rgb8(31, 45, planar: 0, frames: 2),
        "signed12" => PixelTestFiles.Signed12WithGarbage(17, 19, 3),
        _ => DicomFileReader.Read(TestPaths.Corpus(name)),
    };

    public static TheoryData<string, string> RoundTrips()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in new[] { "ct_mr/CT_WG04_CT1_ELE.dcm", "nm/NM-MONO2-16-13x-heart.dcm", "rgb", "signed12" })
        foreach (var via in new[] { "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.1.98", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2" })
            data.Add(source, via);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Explicit_le_to_another_syntax_and_back_keeps_every_sample(string source, string viaUid)
    {
        using var temp = new TempFolder();
        var original = Source(source);
        var via = DicomTransferSyntax.Lookup(viaUid);
        var transcoder = new DicomTranscoder();

        var middle = WriteAndRead(transcoder.Transcode(original, via), temp, "middle.dcm");
        Assert.Equal(viaUid, middle.TransferSyntax.Uid);
        Assert.Equal(viaUid, middle.FileMetaInformation.GetSingleString(DicomTag.TransferSyntaxUid));
        var back = WriteAndRead(transcoder.Transcode(middle, DicomTransferSyntax.ExplicitVRLittleEndian), temp, "back.dcm");

        var expected = PixelTestFiles.DecodeAll(original.Dataset, original.TransferSyntax);
        Assert.Equal(expected, PixelTestFiles.DecodeAll(middle.Dataset, middle.TransferSyntax));
        Assert.Equal(expected, PixelTestFiles.DecodeAll(back.Dataset, back.TransferSyntax));
        Assert.Equal(original.Dataset.GetString(DicomTags.PhotometricInterpretation), back.Dataset.GetString(DicomTags.PhotometricInterpretation));
        Assert.NotEqual("01", back.Dataset.GetString(DicomTags.LossyImageCompression));
    }

    [Fact]
    public void Rle_output_has_one_fragment_per_frame_and_a_basic_offset_table_pointing_at_them()
    {
        var rle = new DicomTranscoder().Transcode(Source("nm/NM-MONO2-16-13x-heart.dcm"), DicomTransferSyntax.RleLossless);
        var fragments = Assert.IsType<DicomFragmentSequence>(rle.Dataset[DicomTags.PixelData]);
        var offsets = fragments.GetBasicOffsets();

        Assert.Equal(13, fragments.Fragments.Count);
        Assert.Equal(13, offsets.Length);
        long position = 0;
        for (var i = 0; i < 13; i++)
        {
            Assert.Equal(position, offsets[i]);
            Assert.Equal(0, fragments.Fragments[i].Length % 2);
            position += 8 + fragments.Fragments[i].Length;
        }
    }

    [Fact]
    public void Rle_keeps_rgb_and_the_planar_configuration_of_the_source()
    {
        var rle = new DicomTranscoder().Transcode(PixelTestFiles.Rgb8(4, 4, planar: 0), DicomTransferSyntax.RleLossless);

        Assert.Equal("RGB", rle.Dataset.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal(0, rle.Dataset.GetInteger(DicomTags.PlanarConfiguration));
    }

    [Fact]
    public void The_source_file_is_left_unchanged()
    {
        var source = Source("ct_mr/CT_WG04_CT1_ELE.dcm");
        var before = source.Dataset[DicomTags.PixelData];

        new DicomTranscoder().Transcode(source, DicomTransferSyntax.RleLossless);

        Assert.Same(before, source.Dataset[DicomTags.PixelData]);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, source.TransferSyntax);
    }

    [Fact]
    public void Decoding_lossy_ybr_422_jpeg_gives_rgb_marked_lossy_and_stays_lossy_when_recompressed_losslessly()
    {
        var registry = PixelCodecRegistry.WithBuiltIns(new PixelCodecRegistry());
        registry.Register(new FakeBaselineDecoder());
        var file = PixelTestFiles.Synthetic(2, 2, 3, 8, 8, false, 1, 0, "YBR_FULL_422", new byte[12]);
        var sequence = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB);
        sequence.Fragments.Add(DicomBuffer.FromBytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }));
        file.Dataset.Set(sequence);
        file.Dataset.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        var jpeg = new DicomFile(new DicomDataset(), file.Dataset, DicomTransferSyntax.JpegBaseline);
        var transcoder = new DicomTranscoder(registry);

        var native = transcoder.Transcode(jpeg, DicomTransferSyntax.ExplicitVRLittleEndian);
        var rle = transcoder.Transcode(native, DicomTransferSyntax.RleLossless);

        Assert.Equal("RGB", native.Dataset.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal(0, native.Dataset.GetInteger(DicomTags.PlanarConfiguration));
        Assert.Equal("01", native.Dataset.GetString(DicomTags.LossyImageCompression));
        Assert.Equal(["ISO_10918_1"], native.Dataset.GetStrings(DicomTags.LossyImageCompressionMethod));
        Assert.Equal("3", native.Dataset.GetSingleString(DicomTags.LossyImageCompressionRatio));
        Assert.Equal("01", rle.Dataset.GetString(DicomTags.LossyImageCompression));
        Assert.Equal(FakeBaselineDecoder.Samples, PixelTestFiles.DecodeAll(rle.Dataset, rle.TransferSyntax, registry));
    }

    [Fact]
    public void A_target_without_an_encoder_is_refused_before_anything_is_written()
    {
        var transcoder = new DicomTranscoder();

        Assert.False(transcoder.CanWrite(DicomTransferSyntax.Jpeg2000Lossless));
        Assert.True(transcoder.CanWrite(DicomTransferSyntax.DeflatedExplicitVRLittleEndian));
        var error = Assert.Throws<PixelDataException>(() => transcoder.Transcode(Source("ct_mr/CT_WG04_CT1_ELE.dcm"), DicomTransferSyntax.Jpeg2000Lossless));
        Assert.Contains("No encoder", error.Message);
    }

    [Fact]
    public void A_source_without_a_decoder_is_refused()
    {
        var empty = new DicomTranscoder(new PixelCodecRegistry());

        var error = Assert.Throws<PixelDataException>(() => empty.Transcode(Source("nm/WG04_NM1_RLE.dcm"), DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("No decoder", error.Message);
    }

    [Fact]
    public void One_bit_data_cannot_become_rle_and_says_why()
    {
        var file = PixelTestFiles.Synthetic(4, 4, 1, 1, 1, false, 1, 0, "MONOCHROME2", new byte[2]);

        var error = Assert.Throws<PixelDataException>(() => new DicomTranscoder().Transcode(file, DicomTransferSyntax.RleLossless));
        Assert.Contains("Bits Allocated 1", error.Message);
    }

    [Fact]
    public async Task Dcmtk_reads_what_we_transcode_to_rle()
    {
        using var temp = new TempFolder();
        var path = temp.File("rle.dcm");
        DicomFileWriter.Write(path, new DicomTranscoder().Transcode(Source("ct_mr/CT_enhanced_eCT_Supplemental.dcm"), DicomTransferSyntax.RleLossless));

        var dump = (await ExternalTool.RunAsync("dcmdump", "-q", path)).EnsureSuccess("dcmdump");

        Assert.Contains("=RLELossless", dump.StandardOutput);
        Assert.Contains("(7fe0,0010) OB (PixelSequence #=3)", dump.StandardOutput);
    }

    [Fact]
    public void An_icon_image_is_transcoded_with_the_main_image()
    {
        using var temp = new TempFolder();
        var source = Source("ct_mr/MR_siemens_overlays_icon_palette.dcm");
        var transcoder = new DicomTranscoder();

        var rle = WriteAndRead(transcoder.Transcode(source, DicomTransferSyntax.RleLossless), temp, "rle.dcm");
        var back = WriteAndRead(transcoder.Transcode(rle, DicomTransferSyntax.ExplicitVRLittleEndian), temp, "back.dcm");

        static DicomDataset Icon(DicomFile f) => f.Dataset.GetSequence(DicomTags.IconImageSequence)!.Items[0];
        Assert.IsType<DicomFragmentSequence>(Icon(rle)[DicomTags.PixelData]);
        Assert.Equal(
            PixelTestFiles.DecodeAll(Icon(source), source.TransferSyntax),
            PixelTestFiles.DecodeAll(Icon(back), back.TransferSyntax));
    }

    /// <summary>Stands in for a JPEG Baseline decoder that converts YBR_FULL_422 to RGB, as a real one does.</summary>
    private sealed class FakeBaselineDecoder : IPixelDecoder
    {
        public static readonly byte[] Samples = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];

        public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [DicomTransferSyntax.JpegBaseline];

        public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
        {
            Samples.CopyTo(destination);
            return new DecodedFrameLayout("RGB", 0);
        }
    }
}
