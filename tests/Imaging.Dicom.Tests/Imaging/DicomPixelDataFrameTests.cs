using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Frame access: offset tables (basic, extended, none), frames over several fragments, 1-bit frames, refusals.</summary>
public sealed class DicomPixelDataFrameTests
{
    private static readonly PixelDataDescription Small = new(2, 3, 1, 8, 8, 7, false, 0, "MONOCHROME2", 3);

    private static DicomDataset Encapsulated(int frames, IEnumerable<byte[]> fragments, uint[]? basicOffsets = null)
    {
        var file = PixelTestFiles.Synthetic(2, 3, 1, 8, 8, false, frames, 0, "MONOCHROME2", new byte[6 * frames]);
        var sequence = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB);
        foreach (var f in fragments) sequence.Fragments.Add(DicomBuffer.FromBytes(f));
        if (basicOffsets is not null)
            sequence.OffsetTable = DicomBuffer.FromBytes(basicOffsets.SelectMany(BitConverter.GetBytes).ToArray());
        file.Dataset.Set(sequence);
        return file.Dataset;
    }

    private static byte[] Jpeg(params byte[] body) => [0xFF, 0xD8, 0xFF, 0xE0, .. body, 0xFF, 0xD9];

    [Fact]
    public void Native_ybr_full_422_frames_are_stored_two_samples_per_pixel_and_decode_to_ybr_full_by_pixel()
    {
        // Two frames of 2 rows × 4 columns: each pair of pixels is Y1 Y2 Cb Cr (8 bytes per row, 16 per frame).
        byte[] stored =
        [
            10, 11, 100, 200, 12, 13, 101, 201, 14, 15, 102, 202, 16, 17, 103, 203,
            20, 21, 110, 210, 22, 23, 111, 211, 24, 25, 112, 212, 26, 27, 113, 213,
        ];
        var file = PixelTestFiles.Synthetic(2, 4, 3, 8, 8, false, 2, 0, "YBR_FULL_422", stored);
        var pixels = DicomPixelData.Create(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal(16, pixels.StoredFrameLength);
        Assert.Equal(stored[16..], pixels.GetFrameData(1).ToArray());
        var frame = new byte[pixels.Description.FrameLength];
        var layout = pixels.DecodeFrame(1, frame);

        Assert.Equal(new DecodedFrameLayout("YBR_FULL", 0), layout);
        Assert.Equal(new byte[]
        {
            20, 110, 210, 21, 110, 210, 22, 111, 211, 23, 111, 211,
            24, 112, 212, 25, 112, 212, 26, 113, 213, 27, 113, 213,
        }, frame);
    }

    [Fact]
    public void Native_ybr_full_422_with_an_odd_number_of_columns_is_refused()
    {
        var file = PixelTestFiles.Synthetic(2, 3, 3, 8, 8, false, 1, 0, "YBR_FULL_422", new byte[12]);

        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("even number of columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_offset_table_maps_each_frame_to_its_fragments()
    {
        // Frame 0 = fragments 0 and 1 (4 + 2 bytes), frame 1 = fragment 2: offsets 0 and (8 + 4) + (8 + 2) = 22.
        var dataset = Encapsulated(2, [[1, 2, 3, 4], [5, 6], [7, 8]], [0, 22]);
        var pixels = DicomPixelData.Create(dataset, DicomTransferSyntax.RleLossless);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, pixels.GetFrameData(0).ToArray());
        Assert.Equal(new byte[] { 7, 8 }, pixels.GetFrameData(1).ToArray());
    }

    [Fact]
    public void Without_an_offset_table_one_fragment_per_frame_is_one_frame_each()
    {
        var pixels = DicomPixelData.Create(Encapsulated(3, [[1, 1], [2, 2], [3, 3]]), DicomTransferSyntax.RleLossless);

        Assert.Equal(new byte[] { 3, 3 }, pixels.GetFrameData(2).ToArray());
    }

    [Fact]
    public void Extended_offset_table_is_used_when_present()
    {
        var dataset = Encapsulated(3, [[1, 1], [2, 2, 2, 2], [3, 3]]);
        dataset.SetValues(DicomTags.ExtendedOffsetTable, DicomVR.OV, 0UL, 10UL, 22UL);
        dataset.SetValues(DicomTags.ExtendedOffsetTableLengths, DicomVR.OV, 2UL, 4UL, 2UL);
        var pixels = DicomPixelData.Create(dataset, DicomTransferSyntax.RleLossless);

        Assert.Equal(new byte[] { 2, 2, 2, 2 }, pixels.GetFrameData(1).ToArray());
        Assert.Equal(new byte[] { 3, 3 }, pixels.GetFrameData(2).ToArray());
    }

    [Fact]
    public void Extended_offset_table_with_the_wrong_frame_count_is_refused()
    {
        var dataset = Encapsulated(3, [[1, 1], [2, 2], [3, 3]]);
        dataset.SetValues(DicomTags.ExtendedOffsetTable, DicomVR.OV, 0UL, 10UL);

        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(dataset, DicomTransferSyntax.RleLossless));
        Assert.Contains("Extended Offset Table", error.Message);
    }

    [Fact]
    public void Jpeg_frames_spanning_several_fragments_without_offset_table_are_found_by_their_markers()
    {
        var first = Jpeg(1, 2, 3, 4, 5, 6);
        var second = Jpeg(9, 9);
        // Frame 0 over three fragments, frame 1 in one, frame 2 over two with a pad byte after EOI.
        var third = Jpeg(7, 7, 7);
        byte[][] fragments = [first[..4], first[4..8], first[8..], second, third[..6], [.. third[6..], 0]];
        var pixels = DicomPixelData.Create(Encapsulated(3, fragments), DicomTransferSyntax.JpegLosslessSV1);

        Assert.Equal(first, pixels.GetFrameData(0).ToArray());
        Assert.Equal(second, pixels.GetFrameData(1).ToArray());
        Assert.Equal([.. third, 0], pixels.GetFrameData(2).ToArray());
    }

    [Theory]
    [InlineData("interop/ts/CT0012_JPEGP14_frag_noBOT.dcm")]
    [InlineData("interop/ts/CT0012_JPEGext_frag_noBOT.dcm")]
    [InlineData("interop/ts/CT0012_JLSN_frag_noBOT.dcm")]
    [InlineData("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm")]
    public void Real_fragmented_jpeg_files_without_offset_table_yield_whole_codestreams_per_frame(string corpusFile)
    {
        var file = DicomFileReader.Read(TestPaths.Corpus(corpusFile));
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var fragments = ((DicomFragmentSequence)file.Dataset[DicomTags.PixelData]!).Fragments.Count;

        Assert.True(fragments > pixels.FrameCount, $"{corpusFile} has {fragments} fragments for {pixels.FrameCount} frames");
        for (var f = 0; f < pixels.FrameCount; f++)
        {
            var data = pixels.GetFrameData(f).ToArray();
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, data[..2]);
            var end = data[^1] == 0 ? data.Length - 1 : data.Length;
            Assert.Equal(new byte[] { 0xFF, 0xD9 }, data[(end - 2)..end]);
        }
    }

    [Fact]
    public void Several_frames_in_fewer_fragments_without_markers_or_table_are_refused()
    {
        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(Encapsulated(3, [[1, 1], [2, 2]]), DicomTransferSyntax.RleLossless));
        Assert.Contains("3 frames in 2 fragments", error.Message);
    }

    [Fact]
    public void A_basic_offset_that_points_between_fragments_is_refused()
    {
        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(Encapsulated(2, [[1, 1], [2, 2]], [0, 7]), DicomTransferSyntax.RleLossless));
        Assert.Contains("does not point at a fragment", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_out_of_range_frame_index_is_an_argument_error(int frame)
    {
        var pixels = DicomPixelData.Create(Encapsulated(3, [[1, 1], [2, 2], [3, 3]]), DicomTransferSyntax.RleLossless);

        Assert.Throws<ArgumentOutOfRangeException>(() => pixels.GetFrameData(frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => pixels.DecodeFrame(frame, new byte[Small.FrameLength]));
    }

    [Fact]
    public void One_bit_frames_that_start_mid_byte_are_realigned()
    {
        // Three 3 × 3 frames of 9 bits each; frame f has only pixel f set (bit f × 9 + f of the packed stream).
        var packed = new byte[4];
        for (var f = 0; f < 3; f++)
        {
            var bit = f * 9 + f;
            packed[bit / 8] |= (byte)(1 << (bit % 8));
        }
        var file = PixelTestFiles.Synthetic(3, 3, 1, 1, 1, false, 3, 0, "MONOCHROME2", packed);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var reader = new PixelSampleReader(pixels.Description);

        for (var f = 0; f < 3; f++)
        {
            var frame = pixels.GetFrameData(f).ToArray();
            Assert.Equal(2, frame.Length);
            for (var p = 0; p < 9; p++) Assert.Equal(p == f ? 1 : 0, reader.GetSample(frame, p));
        }
    }

    [Fact]
    public void One_bit_segmentation_frames_match_the_bits_of_the_whole_value()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("interop/structure/SEG_TCGA-GBM.dcm"));
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var whole = ((DicomElement)file.Dataset[DicomTags.PixelData]!).Buffer.GetMemory().ToArray();
        var perFrame = pixels.Description.PixelCount;
        var reader = new PixelSampleReader(pixels.Description);
        var set = 0;
        foreach (var f in new[] { 0, 1, pixels.FrameCount / 2, pixels.FrameCount - 1 })
        {
            var frame = pixels.GetFrameData(f).ToArray();
            for (long p = 0; p < perFrame; p++)
            {
                var bit = f * perFrame + p;
                var expected = (whole[bit / 8] >> (int)(bit % 8)) & 1;
                Assert.Equal(expected, reader.GetSample(frame, p));
                set += expected;
            }
        }
        Assert.True(set > 0, "the frames checked hold some segmented pixels");
    }

    [Fact]
    public void Float_pixel_data_is_refused_with_a_clear_error()
    {
        var file = PixelTestFiles.Synthetic(2, 2, 1, 32, 32, false, 1, 0, "MONOCHROME2", new byte[16]);
        file.Dataset.Remove(DicomTags.PixelData);
        file.Dataset.Set(new DicomElement(DicomTags.FloatPixelData, DicomVR.OF, DicomBuffer.FromBytes(new byte[16])));

        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(file.Dataset, file.TransferSyntax));
        Assert.Contains("Float Pixel Data", error.Message);
    }

    [Fact]
    public void Big_endian_files_give_the_same_samples_as_little_endian()
    {
        Assert.Equal(
            PixelTestFiles.DecodeAll(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm")),
            PixelTestFiles.DecodeAll(TestPaths.Corpus("ct_mr/CT_WG04_CT1_EBE.dcm")));
        Assert.Equal(
            PixelTestFiles.DecodeAll(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm")),
            PixelTestFiles.DecodeAll(TestPaths.Corpus("ct_mr/MR_brain_TS3_EBE.dcm")));
    }

    [Fact]
    public void A_frame_of_a_value_left_on_disk_equals_the_frame_read_into_memory()
    {
        var path = TestPaths.Corpus("nm/NM-MONO2-16-13x-heart.dcm");
        var deferred = DicomFileReader.Read(path, new DicomReaderOptions { LargeValueThreshold = 1024 });
        var loaded = DicomFileReader.Read(path, new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
        Assert.IsType<FileRangeBuffer>(((DicomElement)deferred.Dataset[DicomTags.PixelData]!).Buffer);
        var a = DicomPixelData.Create(deferred.Dataset, deferred.TransferSyntax);
        var b = DicomPixelData.Create(loaded.Dataset, loaded.TransferSyntax);

        for (var f = 0; f < a.FrameCount; f++) Assert.Equal(b.GetFrameData(f).ToArray(), a.GetFrameData(f).ToArray());
    }

    [Fact]
    public void Native_pixel_data_shorter_than_its_frames_is_refused()
    {
        var file = PixelTestFiles.Synthetic(4, 4, 1, 16, 16, false, 2, 0, "MONOCHROME2", new byte[40]);

        var error = Assert.Throws<PixelDataException>(() => DicomPixelData.Create(file.Dataset, file.TransferSyntax));
        Assert.Contains("need 64", error.Message);
    }

    [Fact]
    public void A_truncated_rle_frame_from_a_real_file_ends_in_a_PixelDataException()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"));
        var sequence = (DicomFragmentSequence)file.Dataset[DicomTags.PixelData]!;
        var data = sequence.Fragments[0].GetMemory();
        sequence.Fragments[0] = DicomBuffer.FromBytes(data[..(data.Length / 2)]);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);

        Assert.Throws<PixelDataException>(() => pixels.DecodeFrame(0, new byte[pixels.Description.FrameLength]));
    }
}
