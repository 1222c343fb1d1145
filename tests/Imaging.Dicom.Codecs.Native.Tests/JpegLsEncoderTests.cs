using System.Buffers;
using Imaging.Dicom.Codecs.Native.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Codecs.Native.Tests;

/// <summary>Our JPEG-LS output (CharLS encoder) decoded by DCMTK's dcmdjpls: lossless exactly, near-lossless within NEAR.</summary>
public sealed class JpegLsEncoderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", 0)]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", 0)]
    [InlineData("nm/WG04_NM1_UNC.dcm", 0)]
    [InlineData("dcmdjpls:interop/ts/JLSL_16_15_1_1F.dcm", 0)]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", 3)]
    [InlineData("unsigned:ct_mr/CT_WG04_CT1_ELE.dcm", 2)]
    [InlineData("unsigned:ct_mr/CT_WG04_CT1_ELE.dcm", 10)]
    public async Task Encodes_what_dcmdjpls_decodes_to_the_original(string source, int near)
    {
        using var folder = new TempFolder();
        // "unsigned:" shifts signed CT into an unsigned copy (near-lossless); "dcmdjpls:" starts from DCMTK's decompression
        // of a JPEG-LS corpus file (signed 15-bit samples whose containers DCMTK does not sign-extend).
        var path = TestPaths.Corpus(source[(source.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        if (source.StartsWith("unsigned:", StringComparison.Ordinal)) path = PixelFiles.WriteUnsignedCopy(path, folder.File("unsigned.dcm"));
        if (source.StartsWith("dcmdjpls:", StringComparison.Ordinal))
        {
            var decompressed = folder.File("source.dcm");
            (await ExternalTool.RunAsync("dcmdjpls", path, decompressed)).EnsureSuccess("dcmdjpls");
            path = decompressed;
        }
        var original = PixelFiles.NativeFrames(path);
        var description = PixelFiles.Describe(path);
        var encoder = new JpegLsEncoder(near);
        Assert.True(encoder.CanEncode(description, out var reason), reason);

        var encoded = await EncodeAndDecompressWithDcmtkAsync(path, original, description, encoder, folder);
        for (var f = 0; f < original.Count; f++)
        {
            var difference = SampleDifference.Between(original[f], encoded[f], description);
            output.WriteLine($"{source} NEAR {near} frame {f}: {difference}");
            Assert.True(difference.MaximumError <= near, difference.ToString());
            if (near == 0) Assert.Equal(0, difference.Differing);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Encodes_rgb_by_pixel_and_by_plane_losslessly(int planar)
    {
        using var folder = new TempFolder();
        var path = folder.File("rgb.dcm");
        PixelFiles.WriteSyntheticRgb(path, 50, 77, seed: 3);
        var byPixel = PixelFiles.NativeFrames(path)[0];
        var description = PixelFiles.Describe(path) with { PlanarConfiguration = planar };
        var frame = planar == 0 ? byPixel : ToPlanes(byPixel, 3);

        var encoder = new JpegLsEncoder();
        var writer = new ArrayBufferWriter<byte>();
        var layout = encoder.Encode(frame, description, writer);
        Assert.Equal(new DecodedFrameLayout("RGB", 0), layout);
        Assert.Equal(0, writer.WrittenCount % 2);

        var decoded = new byte[description.FrameLength];
        new JpegLsDecoder().Decode(writer.WrittenSpan, description with { PlanarConfiguration = 0 }, decoded);
        Assert.Equal(byPixel, decoded);
    }

    [Fact]
    public void Round_trips_8_bit_samples_in_16_bit_containers_through_an_8_bit_stream()
    {
        var source = TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm");
        var twelveBit = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(PixelFiles.NativeFrames(source)[0]).ToArray();
        var frame = new byte[twelveBit.Length * 2];
        for (var i = 0; i < twelveBit.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(i * 2), (ushort)(twelveBit[i] >> 4));
        var description = PixelFiles.Describe(source) with { BitsStored = 8, HighBit = 7 };

        var writer = new ArrayBufferWriter<byte>();
        new JpegLsEncoder().Encode(frame, description, writer);
        var decoder = new JpegLsDecoder();
        Assert.Equal(8, decoder.ReadInfo(writer.WrittenSpan).BitsPerSample);
        var decoded = new byte[description.FrameLength];
        decoder.Decode(writer.WrittenSpan, description, decoded);
        Assert.Equal(frame, decoded);
    }

    [Fact]
    public void Refuses_near_lossless_for_signed_samples_with_a_reason()
    {
        var description = PixelFiles.Describe(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"));
        var encoder = new JpegLsEncoder(2);
        Assert.Equal(DicomTransferSyntax.JpegLsNearLossless, encoder.TransferSyntax);
        Assert.False(encoder.CanEncode(description, out var reason));
        Assert.Contains("signed", reason, StringComparison.Ordinal);
        Assert.Throws<PixelDataException>(() => encoder.Encode(new byte[description.FrameLength], description, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Refuses_a_frame_shorter_than_the_description()
    {
        var description = PixelFiles.Describe(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        Assert.Throws<PixelDataException>(() => new JpegLsEncoder().Encode(new byte[100], description, new ArrayBufferWriter<byte>()));
    }

    // Encodes every frame, writes them as a JPEG-LS Part 10 file (one fragment per frame, basic offset table), has
    // dcmdjpls decompress it and returns DCMTK's frames.
    private static async Task<IReadOnlyList<byte[]>> EncodeAndDecompressWithDcmtkAsync(string sourcePath, IReadOnlyList<byte[]> frames,
        PixelDataDescription description, JpegLsEncoder encoder, TempFolder folder)
    {
        var file = DicomFileReader.Read(sourcePath);
        var sequence = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB);
        var offsets = new List<uint>();
        uint position = 0;
        foreach (var frame in frames)
        {
            var writer = new ArrayBufferWriter<byte>();
            encoder.Encode(frame, description, writer);
            offsets.Add(position);
            position += (uint)(8 + writer.WrittenCount);
            sequence.Fragments.Add(DicomBuffer.FromBytes(writer.WrittenMemory.ToArray()));
        }
        sequence.OffsetTable = DicomBuffer.FromBytes(offsets.SelectMany(BitConverter.GetBytes).ToArray());
        file.Dataset.Set(sequence);
        if (description.SamplesPerPixel > 1) file.Dataset.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)0);
        var encoded = folder.File("ours-jls.dcm");
        DicomFileWriter.Write(encoded, new DicomFile(new DicomDataset(), file.Dataset, encoder.TransferSyntax));

        var decompressed = folder.File("ours-jls-dcmdjpls.dcm");
        (await ExternalTool.RunAsync("dcmdjpls", encoded, decompressed)).EnsureSuccess("dcmdjpls");
        return PixelFiles.NativeFrames(decompressed);
    }

    private static byte[] ToPlanes(byte[] byPixel, int samples)
    {
        var pixels = byPixel.Length / samples;
        var planes = new byte[byPixel.Length];
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < samples; c++)
            planes[c * pixels + p] = byPixel[p * samples + c];
        return planes;
    }
}
