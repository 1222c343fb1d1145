using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Native.Tests.Fuzz;

/// <summary>Fuzz targets for the native-library decoders (JPEG-LS through CharLS, JPEG 2000 and HTJ2K through OpenJPEG),
/// shared by the SharpFuzz harness (tests/fuzz, targets <c>jpegls</c> and <c>j2k</c>) and <see cref="NativeCodecFuzzSmokeTests"/>.</summary>
/// <remarks>
/// <para>An input is one encoded frame. The dataset's description is built from the stream's own header (JPEG-LS SOF55,
/// JPEG 2000 SIZ), bounded to <see cref="MaximumSide"/>, then bent by the last input byte (XOR D9, so an intact stream's end marker bends nothing) to exercise mismatches, so the
/// fuzzer reaches the native scan decoders rather than stopping at our header checks. Allowed: a decoded frame or
/// <see cref="PixelDataException"/>; a native crash takes the process down, which is the finding.</para>
/// <para>Uses only the public API so the fuzz project can compile this file by link.</para>
/// </remarks>
public static class NativeCodecFuzzTarget
{
    public const int MaximumSide = 1024;

    private static readonly JpegLsDecoder JpegLs = new();
    private static readonly Jpeg2000Decoder Jpeg2000 = new();

    /// <summary>Decodes a JPEG-LS frame; true when it decoded, false when it was refused with a clear error.</summary>
    public static bool RunJpegLs(ReadOnlySpan<byte> data)
    {
        try
        {
            JpegLs.ReadInfo(data);
        }
        catch (PixelDataException)
        {
            // The decode below is still worth running: its description comes from our own scan of the markers.
        }
        return Decode(JpegLs, data, DescribeJpegLs(data));
    }

    /// <summary>Decodes a JPEG 2000 (or HTJ2K) codestream or JP2 file; true when it decoded.</summary>
    public static bool RunJpeg2000(ReadOnlySpan<byte> data) => Decode(Jpeg2000, data, DescribeJpeg2000(data));

    private static bool Decode(IPixelDecoder decoder, ReadOnlySpan<byte> data, PixelDataDescription? description)
    {
        if (description is null) return false;
        var destination = new byte[description.FrameLength];
        try
        {
            var layout = decoder.Decode(data, description, destination);
            if (layout.PhotometricInterpretation.Length == 0) throw new InvalidOperationException("The decoder returned an empty photometric interpretation");
            return true;
        }
        catch (PixelDataException)
        {
            return false;
        }
    }

    /// <summary>Starting inputs for <c>jpegls</c>: our own CharLS encodings of small gradients (8, 12 and 16 bit, grey and
    /// RGB, lossless and near-lossless).</summary>
    public static IEnumerable<(string Name, byte[] Input)> JpegLsSeeds()
    {
        foreach (var (bits, samples, near) in new[] { (8, 1, 0), (12, 1, 0), (16, 1, 0), (8, 3, 0), (8, 1, 2), (12, 1, 3) })
        {
            var description = Gradient(bits, samples, out var frame);
            var output = new ArrayBufferWriter<byte>();
            new JpegLsEncoder(near).Encode(frame, description, output);
            yield return ($"jls-{bits}bit-{samples}-near{near}", output.WrittenSpan.ToArray());
        }
    }

    /// <summary>Starting inputs for <c>j2k</c>: the frames of small JPEG 2000 files of the shared corpus (we have no
    /// JPEG 2000 encoder; tests/fuzz/make-seeds.sh adds tiny opj_compress encodings for campaigns).</summary>
    public static IEnumerable<(string Name, byte[] Input)> Jpeg2000Seeds(string corpus)
    {
        foreach (var relative in new[] { "nm/WG04_NM1_J2KI.dcm" })
        {
            var path = Path.Combine(corpus, relative);
            if (!File.Exists(path)) continue;
            var file = DicomFileReader.Read(path);
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            yield return (Path.GetFileNameWithoutExtension(relative), pixels.GetFrameData(0).ToArray());
        }
    }

    private static PixelDataDescription Gradient(int bits, int samples, out byte[] frame)
    {
        var allocated = bits <= 8 ? 8 : 16;
        var description = new PixelDataDescription(16, 16, samples, allocated, bits, bits - 1, false, 0, samples == 1 ? "MONOCHROME2" : "RGB", 1);
        frame = new byte[description.FrameLength];
        var mask = (1 << bits) - 1;
        for (var i = 0; i < description.PixelCount * samples; i++)
        {
            var value = (i * 37 + i / 16 * 11) & mask;
            if (allocated == 8) frame[i] = (byte)value;
            else BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(i * 2), (ushort)value);
        }
        return description;
    }

    // SOF55 (FFF7): length, P, Y, X, Nf.
    private static PixelDataDescription? DescribeJpegLs(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i + 9 < data.Length; i++)
        {
            if (data[i] != 0xFF || data[i + 1] != 0xF7) continue;
            return Describe(data[i + 4], data[i + 5] << 8 | data[i + 6], data[i + 7] << 8 | data[i + 8], data[i + 9], false, Tweak(data), [8, 16]);
        }
        return null;
    }

    // SIZ (FF51): Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz, Csiz, then Ssiz of the first component.
    private static PixelDataDescription? DescribeJpeg2000(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i + 40 < data.Length; i++)
        {
            if (data[i] != 0xFF || data[i + 1] != 0x51) continue;
            var siz = data[(i + 2)..];
            var columns = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[4..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[12..]);
            var rows = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[8..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
            var components = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
            var ssiz = siz[38];
            if (rows is <= 0 or > MaximumSide || columns is <= 0 or > MaximumSide) return null;
            return Describe((ssiz & 0x7F) + 1, (int)rows, (int)columns, components, (ssiz & 0x80) != 0, Tweak(data), [8, 16, 32]);
        }
        return null;
    }

    // Both formats end with FFD9 (EOI, EOC): an unmutated stream gets tweak 0, the description that matches its header.
    private static byte Tweak(ReadOnlySpan<byte> data) => (byte)(data[^1] ^ 0xD9);

    private static PixelDataDescription? Describe(int precision, int rows, int columns, int components, bool signed, byte tweak, int[] containers)
    {
        if (rows is 0 or > MaximumSide || columns is 0 or > MaximumSide) return null;
        if (components is not (1 or 3)) components = (tweak & 0x40) != 0 ? 3 : 1;
        var bitsAllocated = containers.FirstOrDefault(c => c >= precision, containers[^1]);
        if ((tweak & 1) != 0) bitsAllocated = containers[(Array.IndexOf(containers, bitsAllocated) + 1) % containers.Length];
        var bitsStored = Math.Clamp(precision, 1, bitsAllocated);
        var photometric = components == 3 ? ((tweak >> 1) & 3) switch { 0 => "RGB", 1 => "YBR_RCT", 2 => "YBR_ICT", _ => "YBR_FULL" } : "MONOCHROME2";
        return new PixelDataDescription(rows, columns, components, bitsAllocated, bitsStored, bitsStored - 1,
            signed ^ ((tweak & 8) != 0), components == 3 ? (tweak >> 4) & 1 : 0, photometric, 1);
    }
}
