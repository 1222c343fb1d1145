using System.Runtime.InteropServices;
using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>Decodes JPEG 2000 (PS3.5 A.4.4) and High-Throughput JPEG 2000 (A.4.11) frames with the system OpenJPEG 2.5.</summary>
/// <remarks>
/// Accepts a raw codestream (what DICOM stores) or a JP2 file, told apart by their first bytes. Output: samples in Bits
/// Allocated containers, little endian, by pixel (Planar Configuration 0); values as the codestream decodes them, signed
/// ones sign-extended. Layout returned: when the codestream applied a multiple component transform (RCT or ICT) OpenJPEG
/// has undone it, so the samples are "RGB" whatever the dataset says (YBR_RCT, YBR_ICT or RGB); YBR_RCT/YBR_ICT without a
/// transform in the codestream come back as "YBR_FULL"; everything else keeps the dataset's Photometric Interpretation.
/// Decoding is strict: a truncated codestream is an error, not a partial image.
/// </remarks>
public sealed class Jpeg2000Decoder : IPixelDecoder
{
    private static readonly byte[] CodestreamMagic = [0xFF, 0x4F, 0xFF, 0x51];
    private static readonly byte[] Jp2Magic = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private readonly Func<NativeLibraryBinding> _library;

    public Jpeg2000Decoder()
        : this(() => NativeLibraries.OpenJpeg)
    {
    }

    internal Jpeg2000Decoder(Func<NativeLibraryBinding> library) => _library = library;

    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } =
    [
        DicomTransferSyntax.Jpeg2000Lossless,
        DicomTransferSyntax.Jpeg2000,
        DicomTransferSyntax.HtJ2kLossless,
        DicomTransferSyntax.HtJ2kRpclLossless,
        DicomTransferSyntax.HtJ2k,
    ];

    public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        var library = _library();
        library.Require("JPEG 2000");
        var frameLength = description.FrameLength;
        if (destination.Length < frameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {frameLength}", nameof(destination));
        if (description.BitsAllocated is not (8 or 16 or 32))
            throw new PixelDataException($"JPEG 2000 frames decode into 8-, 16- or 32-bit containers; Bits Allocated is {description.BitsAllocated}");

        OpjCodecFormat format;
        if (encodedFrame.StartsWith(CodestreamMagic)) format = OpjCodecFormat.J2k;
        else if (encodedFrame.StartsWith(Jp2Magic)) format = OpjCodecFormat.Jp2;
        else throw new PixelDataException($"The frame is not a JPEG 2000 codestream (starts {Convert.ToHexString(encodedFrame[..Math.Min(4, encodedFrame.Length)])}, expected FF4FFF51 or a JP2 signature box)");

        var log = new OpenJpegMessageLog();
        var logHandle = GCHandle.Alloc(log);
        try
        {
            var transformed = DecodeCore(encodedFrame, format, description, destination[..(int)frameLength], log, GCHandle.ToIntPtr(logHandle));
            return new DecodedFrameLayout(OutputPhotometric(description, transformed), 0);
        }
        catch (Exception e) when (NativeCall.IsBindingFailure(e))
        {
            throw NativeCall.BindingFailed("JPEG 2000", library, e);
        }
        finally
        {
            logHandle.Free();
        }
    }

    private static string OutputPhotometric(PixelDataDescription description, bool transformed)
    {
        if (description.SamplesPerPixel < 3) return description.PhotometricInterpretation;
        if (transformed) return "RGB";
        return description.PhotometricInterpretation is "YBR_RCT" or "YBR_ICT" ? "YBR_FULL" : description.PhotometricInterpretation;
    }

    // Returns whether the codestream used a multiple component transform.
    private static unsafe bool DecodeCore(ReadOnlySpan<byte> encoded, OpjCodecFormat format, PixelDataDescription description,
        Span<byte> destination, OpenJpegMessageLog log, IntPtr logHandle)
    {
        fixed (byte* data = encoded)
        {
            var source = new OpenJpegMemorySource { Data = data, Length = encoded.Length, Position = 0 };
            // The stream's own read buffer: no larger than the frame, at most OpenJPEG's 1 MiB default.
            var bufferSize = (nuint)Math.Clamp(encoded.Length, 4096, 1 << 20);
            using var stream = OpenJpeg.CreateStream(bufferSize, 1);
            if (stream.IsInvalid) throw new PixelDataException("OpenJPEG could not create an input stream (out of memory)");
            OpenJpeg.SetReadFunction(stream, &OpenJpegMemorySource.Read);
            OpenJpeg.SetSkipFunction(stream, &OpenJpegMemorySource.Skip);
            OpenJpeg.SetSeekFunction(stream, &OpenJpegMemorySource.Seek);
            OpenJpeg.SetUserData(stream, &source, null);
            OpenJpeg.SetUserDataLength(stream, (ulong)encoded.Length);

            using var codec = OpenJpeg.CreateDecompress(format);
            if (codec.IsInvalid) throw new PixelDataException("OpenJPEG could not create a decoder (out of memory)");
            OpenJpeg.SetErrorHandler(codec, &OpenJpegMessageLog.OnError, (void*)logHandle);
            OpenJpeg.SetWarningHandler(codec, &OpenJpegMessageLog.OnWarning, (void*)logHandle);
            OpenJpeg.SetInfoHandler(codec, &OpenJpegMessageLog.OnInfo, null);

            OpjDecoderParameters parameters;
            OpenJpeg.SetDefaultDecoderParameters(&parameters);
            if (OpenJpeg.SetupDecoder(codec, &parameters) == 0) throw Failed("setting up the decoder", log);
            // Without strict mode a truncated codestream decodes "successfully" into a partly grey image.
            if (OpenJpeg.SetStrictMode(codec, 1) == 0) throw Failed("enabling strict mode", log);

            OpjImage* header = null;
            var headerRead = OpenJpeg.ReadHeader(stream, codec, &header);
            using var image = new OpenJpegImageHandle(header);
            if (headerRead == 0 || header is null) throw Failed("reading the main header", log);
            ValidateHeader(header, description);

            if (OpenJpeg.Decode(codec, stream, header) == 0) throw Failed("decoding", log);
            if (OpenJpeg.EndDecompress(codec, stream) == 0) throw Failed("reading the end of the codestream", log);
            ValidateDecoded(header, description);

            var transformed = UsesComponentTransform(codec);
            Copy(header, description, destination);
            return transformed;
        }
    }

    private static PixelDataException Failed(string step, OpenJpegMessageLog log)
    {
        var messages = log.Text;
        return new PixelDataException(messages.Length == 0
            ? $"JPEG 2000 {step} failed (corrupt or truncated codestream)"
            : $"JPEG 2000 {step} failed: {messages}");
    }

    // Runs after opj_read_header, before opj_decode allocates the component buffers: a codestream claiming
    // 60000 × 60000 against a 512 × 512 dataset stops here.
    private static unsafe void ValidateHeader(OpjImage* image, PixelDataDescription description)
    {
        var width = (long)image->X1 - image->X0;
        var height = (long)image->Y1 - image->Y0;
        if (width != description.Columns || height != description.Rows)
            throw new PixelDataException($"The JPEG 2000 codestream is {width} × {height}, the dataset says {description.Columns} × {description.Rows}");
        if (image->ComponentCount != description.SamplesPerPixel || image->Components is null)
            throw new PixelDataException($"The JPEG 2000 codestream has {image->ComponentCount} component(s), the dataset says {description.SamplesPerPixel} sample(s) per pixel");
        for (var c = 0; c < description.SamplesPerPixel; c++)
        {
            var component = &image->Components[c];
            if (component->Dx != 1 || component->Dy != 1)
                throw new PixelDataException($"JPEG 2000 component {c} is subsampled {component->Dx} × {component->Dy}; only full-resolution components are supported");
            if (component->Precision < 1 || component->Precision > description.BitsAllocated || component->Precision > 31)
                throw new PixelDataException($"JPEG 2000 component {c} has {component->Precision}-bit samples, which do not fit Bits Allocated {description.BitsAllocated}");
        }
    }

    private static unsafe void ValidateDecoded(OpjImage* image, PixelDataDescription description)
    {
        for (var c = 0; c < description.SamplesPerPixel; c++)
        {
            var component = &image->Components[c];
            if (component->Data is null || component->Width != description.Columns || component->Height != description.Rows || component->Factor != 0)
                throw new PixelDataException($"OpenJPEG decoded component {c} as {component->Width} × {component->Height} (reduction {component->Factor}), expected {description.Columns} × {description.Rows}");
        }
    }

    private static unsafe bool UsesComponentTransform(OpenJpegCodecHandle codec)
    {
        var info = OpenJpeg.GetCodestreamInfo(codec);
        if (info == IntPtr.Zero) return false;
        try
        {
            return *(uint*)((byte*)info + OpenJpeg.CodestreamInfoMctOffset) != 0;
        }
        finally
        {
            OpenJpeg.DestroyCodestreamInfo(&info);
        }
    }

    private static unsafe void Copy(OpjImage* image, PixelDataDescription description, Span<byte> destination)
    {
        var pixels = checked((int)description.PixelCount);
        var components = description.SamplesPerPixel;
        for (var c = 0; c < components; c++)
        {
            var component = &image->Components[c];
            var samples = new ReadOnlySpan<int>(component->Data, pixels);
            var conversion = SampleReinterpretation.For((int)component->Precision, component->Signed != 0, description);
            switch (description.BytesPerSample)
            {
                case 1:
                    for (var p = 0; p < pixels; p++) destination[p * components + c] = (byte)conversion.Apply(samples[p]);
                    break;
                case 2:
                {
                    var target = MemoryMarshal.Cast<byte, short>(destination);
                    if (components == 1 && conversion.IsIdentity)
                    {
                        for (var p = 0; p < pixels; p++) target[p] = (short)samples[p];
                    }
                    else
                    {
                        for (var p = 0; p < pixels; p++) target[p * components + c] = (short)conversion.Apply(samples[p]);
                    }
                    break;
                }
                default:
                {
                    var target = MemoryMarshal.Cast<byte, int>(destination);
                    for (var p = 0; p < pixels; p++) target[p * components + c] = conversion.Apply(samples[p]);
                    break;
                }
            }
        }
    }
}
