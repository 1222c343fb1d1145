using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>Encodes frames as JPEG-LS lossless (.80) or near-lossless (.81) with the system CharLS 2.x.</summary>
/// <remarks>Samples are encoded as their Bits Stored bits (two's-complement patterns for signed data, which JPEG-LS has no
/// notion of); colour frames by pixel are line-interleaved, by plane not interleaved. The stream is padded to an even
/// length. The dataset keeps its Photometric Interpretation and gets Planar Configuration 0 (PS3.5 8.2.3).</remarks>
public sealed class JpegLsEncoder : IPixelEncoder
{
    private const int EvenDestinationSize = 1;

    private readonly Func<NativeLibraryBinding> _library;
    private readonly int _near;

    /// <summary>A lossless encoder (1.2.840.10008.1.2.4.80).</summary>
    public JpegLsEncoder()
        : this(0)
    {
    }

    /// <summary>A near-lossless encoder (1.2.840.10008.1.2.4.81) whose samples differ from the input by at most
    /// <paramref name="nearLossless"/>; 0 makes a lossless encoder.</summary>
    public JpegLsEncoder(int nearLossless)
        : this(nearLossless, () => NativeLibraries.CharLs)
    {
    }

    internal JpegLsEncoder(int nearLossless, Func<NativeLibraryBinding> library)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nearLossless);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nearLossless, 255);
        _near = nearLossless;
        _library = library;
        TransferSyntax = nearLossless == 0 ? DicomTransferSyntax.JpegLsLossless : DicomTransferSyntax.JpegLsNearLossless;
    }

    public DicomTransferSyntax TransferSyntax { get; }

    public int NearLossless => _near;

    public bool CanEncode(PixelDataDescription description, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(description);
        var library = _library();
        reason = !library.Status.IsAvailable ? $"JPEG-LS needs {library.Status.FileName} (Debian: apt-get install {library.Status.DebianPackage})"
            : description.BitsAllocated is not (8 or 16) ? $"JPEG-LS holds 2..16-bit samples; Bits Allocated is {description.BitsAllocated}"
            : description.BitsStored < 2 ? $"JPEG-LS needs at least 2 bits per sample; Bits Stored is {description.BitsStored}"
            : description.SamplesPerPixel is not (1 or 3) ? $"JPEG-LS encodes 1 or 3 samples per pixel here; the frame has {description.SamplesPerPixel}"
            : description.PhotometricInterpretation is "YBR_FULL_422" or "YBR_PARTIAL_422" or "YBR_PARTIAL_420" ? $"{description.PhotometricInterpretation} is subsampled; JPEG-LS here encodes full-resolution components"
            // Near-lossless errors wrap at the two's-complement boundary (0x7FFF next to 0x8000), so signed data would
            // come back with errors of the whole range; DCMTK refuses it for the same reason.
            : _near > 0 && description.IsSigned ? "near-lossless JPEG-LS cannot bound the error of signed samples"
            : _near > 0 && _near > (1 << Math.Min(description.BitsStored, 16)) / 2 ? $"NEAR {_near} is too large for {description.BitsStored}-bit samples"
            : null;
        return reason is null;
    }

    public DecodedFrameLayout Encode(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(output);
        if (!CanEncode(description, out var reason)) throw new PixelDataException($"Cannot encode as {TransferSyntax}: {reason}");
        if (frame.Length < description.FrameLength)
            throw new PixelDataException($"The frame holds {frame.Length} bytes, {description.Rows} × {description.Columns} × {description.SamplesPerPixel} samples need {description.FrameLength}");
        frame = frame[..(int)description.FrameLength];

        var library = _library();
        try
        {
            EncodeCore(frame, description, output);
        }
        catch (Exception e) when (NativeCall.IsBindingFailure(e))
        {
            throw NativeCall.BindingFailed("JPEG-LS", library, e);
        }
        return new DecodedFrameLayout(description.PhotometricInterpretation, 0);
    }

    private unsafe void EncodeCore(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output)
    {
        var bits = description.BitsStored;
        var sampleBytes = bits <= 8 ? 1 : 2;
        byte[]? scratch = null;
        try
        {
            // CharLS reads bits-per-sample-wide values and trusts them to be below 2^bits: bits above Bits Stored (sign
            // extension, overlay planes in old files) are cleared, and 8-bit values in 16-bit containers narrowed.
            var source = frame;
            if (bits < description.BitsAllocated)
            {
                var length = (int)(description.FrameLength / description.BytesPerSample * sampleBytes);
                scratch = ArrayPool<byte>.Shared.Rent(length);
                Narrow(frame, description.BytesPerSample, scratch.AsSpan(0, length), sampleBytes, bits);
                source = scratch.AsSpan(0, length);
            }

            using var encoder = CharLs.CreateEncoder();
            if (encoder.IsInvalid) throw new PixelDataException("CharLS could not create an encoder (out of memory)");
            var info = new CharLsFrameInfo
            {
                Width = (uint)description.Columns,
                Height = (uint)description.Rows,
                BitsPerSample = bits,
                ComponentCount = description.SamplesPerPixel,
            };
            Check(CharLs.SetFrameInfo(encoder, in info), "setting the frame");
            Check(CharLs.SetNearLossless(encoder, _near), "setting NEAR");
            if (description.SamplesPerPixel > 1)
            {
                var mode = description.PlanarConfiguration == 1 ? CharLsInterleaveMode.None : CharLsInterleaveMode.Line;
                Check(CharLs.SetInterleaveMode(encoder, mode), "setting the interleave mode");
            }
            Check(CharLs.SetEncodingOptions(encoder, EvenDestinationSize), "setting the encoding options");
            Check(CharLs.GetEstimatedDestinationSize(encoder, out var estimate), "sizing the output");
            if (estimate > int.MaxValue) throw new PixelDataException($"CharLS estimates {estimate} bytes for one frame, over 2 GiB");

            var destination = output.GetSpan((int)estimate);
            nuint written;
            fixed (byte* target = destination)
            fixed (byte* samples = source)
            {
                Check(CharLs.SetDestinationBuffer(encoder, target, (nuint)destination.Length), "setting the output");
                Check(CharLs.EncodeFromBuffer(encoder, samples, (nuint)source.Length, 0), "encoding");
                Check(CharLs.GetBytesWritten(encoder, out written), "finishing");
            }
            output.Advance((int)written);
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void Narrow(ReadOnlySpan<byte> frame, int containerBytes, Span<byte> target, int sampleBytes, int bits)
    {
        var mask = (1 << bits) - 1;
        var count = target.Length / sampleBytes;
        for (var i = 0; i < count; i++)
        {
            var value = (containerBytes == 1 ? frame[i] : BinaryPrimitives.ReadUInt16LittleEndian(frame[(i * 2)..])) & mask;
            if (sampleBytes == 1) target[i] = (byte)value;
            else BinaryPrimitives.WriteUInt16LittleEndian(target[(i * 2)..], (ushort)value);
        }
    }

    private static void Check(int error, string step)
    {
        if (error != 0) throw new PixelDataException($"JPEG-LS {step} failed: {CharLs.Describe(error)}");
    }
}
