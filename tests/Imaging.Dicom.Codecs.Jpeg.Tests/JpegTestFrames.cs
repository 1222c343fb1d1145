using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>Decoded frames as comparable sample values, ours and DCMTK's, plus the synthetic 8-bit inputs the corpus lacks.</summary>
internal static class JpegTestFrames
{
    public static PixelCodecRegistry Codecs { get; } = CreateRegistry();

    private static PixelCodecRegistry CreateRegistry()
    {
        var registry = new PixelCodecRegistry();
        JpegCodecs.Register(registry);
        return registry;
    }

    /// <summary>A decoded frame: samples pixel by pixel (components interleaved), each normalised to its Bits Stored value.</summary>
    public sealed record Samples(int[] Values, PixelDataDescription Description, string PhotometricInterpretation);

    public static Samples DecodeOurs(string path, int frame = 0)
    {
        var file = DicomFileReader.Read(path);
        var description = PixelDataDescription.FromDataset(file.Dataset);
        var buffer = new byte[description.FrameLength];
        DecodedFrameLayout layout;
        if (description.NumberOfFrames > 1 && file.Dataset[DicomTags.PixelData] is DicomFragmentSequence fragments
            && fragments.GetBasicOffsets().Length == 0 && fragments.Fragments.Count != description.NumberOfFrames)
        {
            // DicomPixelData cannot yet split such frames; JPEG's SOI markers can.
            var stream = JpegFrameLocator.SplitFrames(fragments, description.NumberOfFrames)[frame];
            layout = Codecs.GetDecoder(file.TransferSyntax).Decode(stream.Span, description, buffer);
        }
        else
        {
            layout = DicomPixelData.Create(file.Dataset, file.TransferSyntax).DecodeFrame(frame, buffer, Codecs);
        }
        return new Samples(Normalise(buffer, description, layout.PlanarConfiguration), description, layout.PhotometricInterpretation);
    }

    /// <summary>Native samples of <paramref name="path"/> (which must be uncompressed).</summary>
    public static Samples ReadNative(string path, int frame = 0)
    {
        var file = DicomFileReader.Read(path);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        Assert.False(pixels.IsEncapsulated, $"{path} is not native");
        return new Samples(Normalise(pixels.GetFrameData(frame).Span, pixels.Description, pixels.Description.PlanarConfiguration),
            pixels.Description, pixels.Description.PhotometricInterpretation);
    }

    public static async Task<Samples> DecodeWithDcmdjpegAsync(string path, TempFolder temp, int frame = 0)
    {
        var output = temp.File($"dcmdjpeg-{Guid.NewGuid():N}.dcm");
        (await ExternalTool.RunAsync("dcmdjpeg", path, output)).EnsureSuccess("dcmdjpeg " + path);
        return ReadNative(output, frame);
    }

    public static async Task<string> CompressAsync(string input, TempFolder temp, params string[] options)
    {
        var output = temp.File($"dcmcjpeg-{Guid.NewGuid():N}.dcm");
        (await ExternalTool.RunAsync("dcmcjpeg", [.. options, input, output], null)).EnsureSuccess($"dcmcjpeg {string.Join(' ', options)} {input}");
        return output;
    }

    /// <summary>Largest absolute difference and how many samples differ; the frames must have the same shape.</summary>
    public static (int MaxError, int Differences, int FirstDifference) Compare(Samples ours, Samples reference)
    {
        Assert.Equal(reference.Values.Length, ours.Values.Length);
        int max = 0, count = 0, first = -1;
        for (var i = 0; i < ours.Values.Length; i++)
        {
            var error = Math.Abs(ours.Values[i] - reference.Values[i]);
            if (error == 0) continue;
            if (first < 0) first = i;
            count++;
            max = Math.Max(max, error);
        }
        return (max, count, first);
    }

    public static void AssertIdentical(Samples ours, Samples reference, string what)
    {
        var (max, count, first) = Compare(ours, reference);
        Assert.True(count == 0, $"{what}: {count} samples differ (max {max}); first at {first}: ours {(first >= 0 ? ours.Values[first] : 0)}, reference {(first >= 0 ? reference.Values[first] : 0)}");
    }

    private static int[] Normalise(ReadOnlySpan<byte> frame, PixelDataDescription d, int planar)
    {
        var samples = d.SamplesPerPixel;
        var pixels = d.Rows * d.Columns;
        var values = new int[pixels * samples];
        var mask = d.BitsStored >= 32 ? -1 : (1 << d.BitsStored) - 1;
        var shift = 32 - d.BitsStored;
        for (var p = 0; p < pixels; p++)
        {
            for (var c = 0; c < samples; c++)
            {
                var index = planar == 1 && samples > 1 ? c * pixels + p : p * samples + c;
                var raw = d.BytesPerSample == 2 ? frame[index * 2] | frame[index * 2 + 1] << 8 : frame[index];
                raw = (raw >> (d.HighBit + 1 - d.BitsStored)) & mask;
                values[p * samples + c] = d.IsSigned ? raw << shift >> shift : raw;
            }
        }
        return values;
    }

    /// <summary>Writes an uncompressed 8-bit file (MONOCHROME2 or RGB) on top of a real MR dataset's identifiers.</summary>
    public static string WriteEightBit(TempFolder temp, bool rgb, int rows = 97, int columns = 130, int planar = 0)
    {
        var source = DicomFileReader.Read(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        var dataset = source.Dataset;
        var samples = rgb ? 3 : 1;
        var pixels = new byte[rows * columns * samples];
        var random = new Random(20261127);
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                // Smooth ramps, a hard-edged checkerboard and noise: edges are where lossy decoders disagree most.
                var noise = random.Next(-12, 13);
                var values = new[]
                {
                    Math.Clamp(127 + (int)(100 * Math.Sin(x / 9.0)) + noise, 0, 255),
                    (x * 2 + y * 3) % 256,
                    ((x / 16 + y / 16) % 2) * 255,
                };
                for (var c = 0; c < samples; c++)
                {
                    var index = planar == 1 ? c * rows * columns + y * columns + x : (y * columns + x) * samples + c;
                    pixels[index] = (byte)(rgb ? values[c] : (values[0] + values[1]) / 2);
                }
            }
        }
        dataset.SetValues<ushort>(DicomTags.Rows, DicomVR.US, (ushort)rows);
        dataset.SetValues<ushort>(DicomTags.Columns, DicomVR.US, (ushort)columns);
        dataset.SetValues<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)samples);
        dataset.SetValues<ushort>(DicomTags.BitsAllocated, DicomVR.US, 8);
        dataset.SetValues<ushort>(DicomTags.BitsStored, DicomVR.US, 8);
        dataset.SetValues<ushort>(DicomTags.HighBit, DicomVR.US, 7);
        dataset.SetValues<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, rgb ? "RGB" : "MONOCHROME2");
        if (rgb) dataset.SetValues<ushort>(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)planar);
        dataset.RemoveWhere(a => a.Tag == DicomTags.WindowCenter || a.Tag == DicomTags.WindowWidth);
        dataset.Set(new DicomElement(DicomTags.PixelData, DicomVR.OB, DicomBuffer.FromBytes(pixels)));
        var path = temp.File($"{(rgb ? "rgb" : "mono")}8-{planar}.dcm");
        DicomFileWriter.Write(path, new DicomFile(source.FileMetaInformation, dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }
}
