using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>Decodes JPEG-LS lossless and near-lossless frames (PS3.5 A.4.3, 8.2.3) with the system CharLS 2.x.</summary>
/// <remarks>Output: samples in Bits Allocated containers, little endian, by pixel (Planar Configuration 0) whatever the
/// stream's interleave mode, signed data sign-extended from Bits Stored; the Photometric Interpretation is the dataset's
/// (DICOM forbids the non-standard HP colour transforms; CharLS undoes them if a stream carries one).</remarks>
public sealed class JpegLsDecoder : IPixelDecoder
{
    private readonly Func<NativeLibraryBinding> _library;

    public JpegLsDecoder()
        : this(() => NativeLibraries.CharLs)
    {
    }

    internal JpegLsDecoder(Func<NativeLibraryBinding> library) => _library = library;

    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } =
        [DicomTransferSyntax.JpegLsLossless, DicomTransferSyntax.JpegLsNearLossless];

    /// <summary>Reads the headers of <paramref name="encodedFrame"/> without decoding it.</summary>
    public unsafe JpegLsStreamInfo ReadInfo(ReadOnlySpan<byte> encodedFrame)
    {
        var library = _library();
        library.Require("JPEG-LS");
        if (encodedFrame.IsEmpty) throw new PixelDataException("The JPEG-LS frame is empty");
        try
        {
            using var decoder = CreateDecoder();
            fixed (byte* source = encodedFrame) return ReadHeader(decoder, source, encodedFrame.Length);
        }
        catch (Exception e) when (NativeCall.IsBindingFailure(e))
        {
            throw NativeCall.BindingFailed("JPEG-LS", library, e);
        }
    }

    public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        var library = _library();
        library.Require("JPEG-LS");
        var frameLength = description.FrameLength;
        if (destination.Length < frameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {frameLength}", nameof(destination));
        if (description.BitsAllocated is not (8 or 16))
            throw new PixelDataException($"JPEG-LS holds 2..16-bit samples; Bits Allocated {description.BitsAllocated} is not 8 or 16");
        if (encodedFrame.IsEmpty) throw new PixelDataException("The JPEG-LS frame is empty");
        byte[]? terminated = null;
        try
        {
            if (!EndsWithEndOfImage(encodedFrame))
            {
                // CharLS 2.4 spends seconds of CPU on a scan that runs out of bytes without meeting a marker (measured
                // 4-8 s for a 512 x 512 CT cut short), and fails in microseconds when it meets EOI early: a truncated
                // or EOI-less stream gets one appended, which also decodes complete streams whose encoder left it out.
                terminated = ArrayPool<byte>.Shared.Rent(encodedFrame.Length + 2);
                encodedFrame.CopyTo(terminated);
                terminated[encodedFrame.Length] = 0xFF;
                terminated[encodedFrame.Length + 1] = 0xD9;
                encodedFrame = terminated.AsSpan(0, encodedFrame.Length + 2);
            }
            DecodeCore(encodedFrame, description, destination[..(int)frameLength]);
        }
        catch (PixelDataException e) when (terminated is not null)
        {
            throw new PixelDataException($"{e.Message} (the stream does not end with an EOI marker: truncated?)", e);
        }
        catch (Exception e) when (NativeCall.IsBindingFailure(e))
        {
            throw NativeCall.BindingFailed("JPEG-LS", library, e);
        }
        finally
        {
            if (terminated is not null) ArrayPool<byte>.Shared.Return(terminated);
        }
        return new DecodedFrameLayout(description.PhotometricInterpretation, 0);
    }

    private static unsafe void DecodeCore(ReadOnlySpan<byte> encoded, PixelDataDescription description, Span<byte> destination)
    {
        using var decoder = CreateDecoder();
        fixed (byte* source = encoded)
        {
            var info = ReadHeader(decoder, source, encoded.Length);
            Validate(info, description);

            // Bounded by the checks above: Rows × Columns × samples × 2 matches a frame of at most 1 GiB.
            var sampleBytes = info.BitsPerSample <= 8 ? 1 : 2;
            var decodedLength = (long)info.Width * info.Height * info.ComponentCount * sampleBytes;
            Check(CharLs.GetDestinationSize(decoder, 0, out var needed), "sizing the output");
            if ((ulong)needed != (ulong)decodedLength)
                throw new PixelDataException($"CharLS needs {needed} bytes for a {info.Width} × {info.Height} × {info.ComponentCount} frame of {info.BitsPerSample}-bit samples, expected {decodedLength}");

            var byPlane = info.ComponentCount > 1 && info.InterleaveMode == (int)CharLsInterleaveMode.None;
            if (sampleBytes == description.BytesPerSample && !byPlane)
            {
                fixed (byte* target = destination)
                    Check(CharLs.DecodeToBuffer(decoder, target, (nuint)decodedLength, 0), "decoding");
            }
            else
            {
                var scratch = ArrayPool<byte>.Shared.Rent((int)decodedLength);
                try
                {
                    fixed (byte* target = scratch)
                        Check(CharLs.DecodeToBuffer(decoder, target, (nuint)decodedLength, 0), "decoding");
                    Rearrange(scratch.AsSpan(0, (int)decodedLength), sampleBytes, byPlane, info.ComponentCount, description, destination);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                }
            }
        }
        if (description.IsSigned) SampleConversion.SignExtend(destination, description.BitsAllocated, description.BitsStored);
    }

    // PS3.5 A.4 pads odd-length fragments with one trailing 0x00; DCMTK pads with an extra FF before EOI instead.
    private static bool EndsWithEndOfImage(ReadOnlySpan<byte> stream)
    {
        var end = stream.Length;
        while (end > 0 && stream[end - 1] == 0x00 && stream.Length - end < 2) end--;
        return end >= 2 && stream[end - 2] == 0xFF && stream[end - 1] == 0xD9;
    }

    private static CharLsDecoderHandle CreateDecoder()
    {
        var decoder = CharLs.CreateDecoder();
        if (decoder.IsInvalid)
        {
            decoder.Dispose();
            throw new PixelDataException("CharLS could not create a decoder (out of memory)");
        }
        return decoder;
    }

    private static unsafe JpegLsStreamInfo ReadHeader(CharLsDecoderHandle decoder, byte* source, int length)
    {
        Check(CharLs.SetSourceBuffer(decoder, source, (nuint)length), "reading the stream");
        Check(CharLs.ReadHeader(decoder), "reading the header");
        Check(CharLs.GetFrameInfo(decoder, out var frame), "reading the frame header");
        Check(CharLs.GetInterleaveMode(decoder, out var interleave), "reading the scan header");
        Check(CharLs.GetNearLossless(decoder, 0, out var near), "reading the scan header");
        if (frame.Width is 0 or > 65535 || frame.Height is 0 or > 65535)
            throw new PixelDataException($"The JPEG-LS frame header declares {frame.Width} × {frame.Height} samples");
        return new JpegLsStreamInfo((int)frame.Width, (int)frame.Height, frame.BitsPerSample, frame.ComponentCount, near, (int)interleave);
    }

    // Checked against the dataset before anything the size of a frame is allocated or written.
    private static void Validate(JpegLsStreamInfo info, PixelDataDescription description)
    {
        if (info.Width != description.Columns || info.Height != description.Rows)
            throw new PixelDataException($"The JPEG-LS stream is {info.Width} × {info.Height}, the dataset says {description.Columns} × {description.Rows}");
        if (info.ComponentCount != description.SamplesPerPixel)
            throw new PixelDataException($"The JPEG-LS stream has {info.ComponentCount} component(s), the dataset says {description.SamplesPerPixel} sample(s) per pixel");
        if (info.BitsPerSample < 2 || info.BitsPerSample > description.BitsAllocated)
            throw new PixelDataException($"The JPEG-LS stream holds {info.BitsPerSample}-bit samples, which do not fit Bits Allocated {description.BitsAllocated}");
        if (info.InterleaveMode is < 0 or > 2)
            throw new PixelDataException($"The JPEG-LS scan declares interleave mode {info.InterleaveMode}");
    }

    // Widens 8-bit samples into 16-bit containers and/or turns CharLS's by-plane output into by-pixel.
    private static void Rearrange(ReadOnlySpan<byte> decoded, int sampleBytes, bool byPlane, int components, PixelDataDescription description, Span<byte> destination)
    {
        var pixels = (int)description.PixelCount;
        var wide = description.BytesPerSample == 2;
        for (var c = 0; c < components; c++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var from = byPlane ? c * pixels + p : p * components + c;
                int value = sampleBytes == 1 ? decoded[from] : BinaryPrimitives.ReadUInt16LittleEndian(decoded[(from * 2)..]);
                var to = p * components + c;
                if (wide) BinaryPrimitives.WriteUInt16LittleEndian(destination[(to * 2)..], (ushort)value);
                else destination[to] = (byte)value;
            }
        }
    }

    private static void Check(int error, string step)
    {
        if (error != 0) throw new PixelDataException($"JPEG-LS {step} failed: {CharLs.Describe(error)}");
    }
}
