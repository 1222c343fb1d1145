using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Codecs.Jpeg.Tests.JpegTestFrames;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>Signed data below 16 bits: lossless JPEG stores the Bits Stored pattern; we sign-extend into the 16-bit container.</summary>
public sealed class SignedDataTests
{
    [Theory]
    [InlineData(12, "+e1")]
    [InlineData(12, "+el")]
    [InlineData(10, "+e1")]
    public async Task Decodes_signed_data_sign_extended_into_the_container(int bitsStored, string process)
    {
        using var temp = new TempFolder();
        var original = WriteSigned(temp, bitsStored, out var expected);
        var compressed = await CompressAsync(original, temp, process);
        var ours = DecodeOurs(compressed);
        AssertIdentical(ours, await DecodeWithDcmdjpegAsync(compressed, temp), "dcmdjpeg");
        AssertIdentical(ours, ReadNative(original), "original");

        // The container itself holds the sign-extended value, not only the low Bits Stored bits.
        var file = DicomFileReader.Read(compressed);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var buffer = new byte[pixels.Description.FrameLength];
        pixels.DecodeFrame(0, buffer, JpegTestFrames.Codecs);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], BitConverter.ToInt16(buffer, i * 2));
    }

    [Fact]
    public void Our_encoder_round_trips_signed_12_bit_data()
    {
        using var temp = new TempFolder();
        var original = WriteSigned(temp, 12, out var expected);
        var file = DicomFileReader.Read(original);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        new JpegLosslessEncoder().Encode(pixels.GetFrameData(0).Span, pixels.Description, output);
        var buffer = new byte[pixels.Description.FrameLength];
        new JpegPixelDecoder().Decode(output.WrittenSpan, pixels.Description, buffer);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], BitConverter.ToInt16(buffer, i * 2));
    }

    private static string WriteSigned(TempFolder temp, int bitsStored, out short[] values)
    {
        var source = DicomFileReader.Read(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        var dataset = source.Dataset;
        const int rows = 64, columns = 80;
        var min = -(1 << (bitsStored - 1));
        var max = (1 << (bitsStored - 1)) - 1;
        values = new short[rows * columns];
        var random = new Random(bitsStored);
        for (var i = 0; i < values.Length; i++)
            values[i] = (short)(i % 7 == 0 ? random.Next(min, max + 1) : Math.Clamp((i % columns) * 37 - 1500 + random.Next(-20, 21), min, max));
        dataset.SetValues<ushort>(DicomTags.Rows, DicomVR.US, rows);
        dataset.SetValues<ushort>(DicomTags.Columns, DicomVR.US, columns);
        dataset.SetValues<ushort>(DicomTags.BitsStored, DicomVR.US, (ushort)bitsStored);
        dataset.SetValues<ushort>(DicomTags.HighBit, DicomVR.US, (ushort)(bitsStored - 1));
        dataset.SetValues<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 1);
        dataset.RemoveWhere(a => a.Tag == DicomTags.WindowCenter || a.Tag == DicomTags.WindowWidth
            || a.Tag == DicomTags.SmallestImagePixelValue || a.Tag == DicomTags.LargestImagePixelValue);
        dataset.Set(new DicomElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray())));
        var path = temp.File($"signed{bitsStored}.dcm");
        DicomFileWriter.Write(path, new DicomFile(source.FileMetaInformation, dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }
}
