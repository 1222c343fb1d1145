using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Native.Tests.Support;

/// <summary>An encapsulated file's frames, each its encoded stream.</summary>
internal sealed record EncodedFile(PixelDataDescription Description, DicomTransferSyntax TransferSyntax, IReadOnlyList<byte[]> Frames);

/// <summary>Reads the frames of Part 10 files: encoded streams for our decoders, native samples from DCMTK's output.</summary>
internal static class PixelFiles
{
    /// <summary>
    /// The description, transfer syntax and encoded stream of every frame. Multi-frame files whose fragments do not map one
    /// to one onto frames and carry no basic offset table (the *_frag_noBOT corpus files) are split where a fragment
    /// starts with the codec's start marker (JPEG-LS SOI FFD8, JPEG 2000 SOC FF4F); the toolkit's own mapping of those
    /// is another change, so this reads the fragments itself.
    /// </summary>
    public static EncodedFile Encoded(string path)
    {
        var file = DicomFileReader.Read(path);
        var description = PixelDataDescription.FromDataset(file.Dataset);
        var sequence = file.Dataset[DicomTags.PixelData] as DicomFragmentSequence
            ?? throw new InvalidOperationException($"{path}: Pixel Data is not encapsulated");
        var frames = description.NumberOfFrames;
        if (frames == 1 || sequence.GetBasicOffsets().Length == frames || sequence.Fragments.Count == frames)
        {
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            return new EncodedFile(description, file.TransferSyntax, Enumerable.Range(0, frames).Select(f => pixels.GetFrameData(f).ToArray()).ToList());
        }

        var result = new List<byte[]>();
        var current = new List<byte>();
        foreach (var fragment in sequence.Fragments)
        {
            var bytes = fragment.GetMemory().Span;
            var startsFrame = bytes.Length >= 2 && bytes[0] == 0xFF && (bytes[1] == 0xD8 || bytes[1] == 0x4F);
            if (startsFrame && current.Count > 0)
            {
                result.Add([.. current]);
                current.Clear();
            }
            current.AddRange(bytes.ToArray());
        }
        if (current.Count > 0) result.Add([.. current]);
        if (result.Count != frames) throw new InvalidOperationException($"Split {result.Count} frames out of {sequence.Fragments.Count} fragments, expected {frames}");
        return new EncodedFile(description, file.TransferSyntax, result);
    }

    public static byte[] Decode(IPixelDecoder decoder, byte[] encoded, PixelDataDescription description, out DecodedFrameLayout layout)
    {
        var frame = new byte[description.FrameLength];
        layout = decoder.Decode(encoded, description, frame);
        return frame;
    }

    public static PixelDataDescription Describe(string path) => PixelDataDescription.FromDataset(DicomFileReader.Read(path).Dataset);

    /// <summary>Every frame's native bytes of an uncompressed file (such as DCMTK's decompressed output).</summary>
    public static IReadOnlyList<byte[]> NativeFrames(string path)
    {
        var file = DicomFileReader.Read(path);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        if (pixels.IsEncapsulated) throw new InvalidOperationException($"{path} is still encapsulated ({pixels.TransferSyntax})");
        return Enumerable.Range(0, pixels.FrameCount).Select(f => pixels.GetFrameData(f).ToArray()).ToList();
    }

    /// <summary>Writes <paramref name="signedSource"/> (16-bit signed) with every sample shifted by 32768 into an unsigned copy.</summary>
    public static string WriteUnsignedCopy(string signedSource, string path)
    {
        var file = DicomFileReader.Read(signedSource);
        var description = PixelDataDescription.FromDataset(file.Dataset);
        if (!description.IsSigned || description.BitsAllocated != 16) throw new InvalidOperationException($"{signedSource} is not 16-bit signed");
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(NativeFrames(signedSource)[0]);
        var shifted = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(shifted.AsSpan(i * 2), (ushort)(samples[i] + 32768));
        var dataset = file.Dataset;
        dataset.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)16);
        dataset.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)15);
        dataset.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.SetString(DicomTags.RescaleIntercept, DicomVR.DS, "-33792");
        dataset.SetString(DicomTags.RescaleSlope, DicomVR.DS, "1");
        dataset.Remove(DicomTags.NumberOfFrames);
        dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(shifted)));
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }

    /// <summary>Writes a synthetic RGB 8-bit Secondary Capture image: gradients plus noise so every codec path gets work.</summary>
    public static void WriteSyntheticRgb(string path, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[rows * columns * 3];
        for (var y = 0; y < rows; y++)
        for (var x = 0; x < columns; x++)
        {
            var i = (y * columns + x) * 3;
            pixels[i] = (byte)(x * 255 / Math.Max(1, columns - 1));
            pixels[i + 1] = (byte)(y * 255 / Math.Max(1, rows - 1));
            pixels[i + 2] = (byte)random.Next(256);
        }
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, $"1.2.826.0.1.3680043.10.1311.77.{seed}");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.1311.77");
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.1311.77.1");
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "OT");
        dataset.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)3);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "RGB");
        dataset.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)0);
        dataset.SetValues(DicomTags.Rows, DicomVR.US, (ushort)rows);
        dataset.SetValues(DicomTags.Columns, DicomVR.US, (ushort)columns);
        dataset.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        dataset.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        dataset.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)7);
        dataset.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, DicomBuffer.FromBytes(pixels)));
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
    }
}
