using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Helpers shared by the pixel data tests: synthetic images, whole-file decoding, and DCMTK round trips.</summary>
public static class PixelTestFiles
{
    /// <summary>Every frame of <paramref name="path"/> decoded by us, concatenated.</summary>
    public static byte[] DecodeAll(string path, PixelCodecRegistry? codecs = null)
    {
        var file = DicomFileReader.Read(path);
        return DecodeAll(file.Dataset, file.TransferSyntax, codecs);
    }

    public static byte[] DecodeAll(DicomDataset dataset, DicomTransferSyntax syntax, PixelCodecRegistry? codecs = null)
    {
        var pixels = DicomPixelData.Create(dataset, syntax);
        var length = (int)pixels.Description.FrameLength;
        var all = new byte[length * pixels.FrameCount];
        for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, all.AsSpan(f * length, length), codecs);
        return all;
    }

    /// <summary>The native Pixel Data of an uncompressed file (as DCMTK wrote it), signed samples sign-extended the way
    /// our decoders deliver them, so the two compare byte for byte.</summary>
    public static byte[] NativePixels(string path)
    {
        var file = DicomFileReader.Read(path);
        Assert.False(file.TransferSyntax.IsEncapsulated, $"{path} is {file.TransferSyntax.Name}, expected native");
        var description = PixelDataDescription.FromDataset(file.Dataset);
        var element = Assert.IsType<DicomElement>(file.Dataset[DicomTags.PixelData]);
        var bytes = element.Buffer.GetMemory()[..(int)(description.FrameLength * description.NumberOfFrames)].ToArray();
        PixelSampleReader.SignExtendInPlace(bytes, description);
        return bytes;
    }

    /// <summary>Runs a DCMTK tool with input and output paths and fails the test with its output if it fails.</summary>
    public static async Task RunDcmtkAsync(string tool, params string[] arguments) =>
        (await ExternalTool.RunAsync(tool, arguments, TimeSpan.FromSeconds(120))).EnsureSuccess(tool);

    /// <summary>A small secondary-capture-like file around synthetic pixels.</summary>
    public static DicomFile Synthetic(int rows, int columns, int samples, int bitsAllocated, int bitsStored, bool signed, int frames,
        int planar, string photometric, byte[] pixels)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1143.77." + rows + "." + columns + "." + samples + "." + bitsAllocated + "." + frames);
        ds.SetString(DicomTags.Modality, DicomVR.CS, "OT");
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)samples);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric);
        if (samples > 1) ds.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)planar);
        if (frames > 1) ds.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)columns);
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)bitsAllocated);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)bitsStored);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)(bitsStored - 1));
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)(signed ? 1 : 0));
        var padded = pixels.Length % 2 == 0 ? pixels : [.. pixels, 0];
        ds.Set(new DicomElement(DicomTag.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, DicomBuffer.FromBytes(padded)));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>An 8-bit RGB image with gradients, flat areas and noise, so RLE meets literal and replicate runs.</summary>
    public static DicomFile Rgb8(int rows, int columns, int planar, int frames = 1)
    {
        var random = new Random(1234);
        var pixels = new byte[rows * columns * 3 * frames];
        for (var f = 0; f < frames; f++)
        for (var y = 0; y < rows; y++)
        for (var x = 0; x < columns; x++)
        for (var s = 0; s < 3; s++)
        {
            var value = s switch
            {
                0 => (byte)(x * 255 / Math.Max(columns - 1, 1)),
                1 => (byte)(y < rows / 2 ? 40 : y * 3 + f),
                _ => (byte)(x % 7 == 0 ? random.Next(256) : 200),
            };
            var index = planar == 1
                ? f * rows * columns * 3 + s * rows * columns + y * columns + x
                : f * rows * columns * 3 + (y * columns + x) * 3 + s;
            pixels[index] = value;
        }
        return Synthetic(rows, columns, 3, 8, 8, false, frames, planar, "RGB", pixels);
    }

    /// <summary>Signed 16-bit samples with 12 bits stored whose unused high bits hold garbage, as some modalities write.</summary>
    public static DicomFile Signed12WithGarbage(int rows, int columns, int frames)
    {
        var random = new Random(99);
        var pixels = new byte[rows * columns * 2 * frames];
        for (var i = 0; i < rows * columns * frames; i++)
        {
            var value = (random.Next(4096) - 2048) & 0x0FFF;
            var garbage = random.Next(16) << 12;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)(value | garbage));
        }
        return Synthetic(rows, columns, 1, 16, 12, true, frames, 0, "MONOCHROME2", pixels);
    }
}
