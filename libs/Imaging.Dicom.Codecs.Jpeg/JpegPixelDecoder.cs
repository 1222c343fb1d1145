using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Decodes JPEG Baseline (.50), Extended (.51), Lossless (.57) and Lossless SV1 (.70) frames.</summary>
/// <remarks>The process is taken from the stream's SOF marker, not the transfer syntax, since mislabelled files exist.
/// Lossy YBR_FULL / YBR_FULL_422 frames come out as RGB (what dcmdjpeg writes by default); everything else keeps
/// the dataset's photometric interpretation. Samples follow the dataset's Planar Configuration.</remarks>
public sealed class JpegPixelDecoder : IPixelDecoder
{
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } =
    [
        DicomTransferSyntax.JpegBaseline,
        DicomTransferSyntax.JpegExtended,
        DicomTransferSyntax.JpegLossless,
        DicomTransferSyntax.JpegLosslessSV1,
    ];

    public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        description.Validate();
        if (destination.Length < description.FrameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {description.FrameLength}", nameof(destination));
        var frame = JpegStreamInfo.ReadFrameHeader(encodedFrame);
        var height = JpegSampleWriter.CheckFrame(frame, description);
        var pixels = checked(description.Rows * description.Columns);
        var layout = new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
        ushort[][] planes;
        if (frame.IsLossless)
        {
            if (frame.Marker != 0xC3) throw new PixelDataException($"JPEG process SOF{frame.Marker - 0xC0} (arithmetic or hierarchical lossless) is not supported");
            planes = JpegLosslessDecoder.DecodePlanes(encodedFrame, frame, height);
        }
        else
        {
            // Progressive and arithmetic-coded streams belong to retired syntaxes (.53-.56); they are refused rather
            // than handed to JpegLibrary paths no test compares with dcmdjpeg.
            if (frame.Marker is not (0xC0 or 0xC1))
                throw new PixelDataException($"JPEG process SOF{frame.Marker - 0xC0} is not supported (baseline and extended Huffman only)");
            var toRgb = frame.Components.Length == 3 && description.PhotometricInterpretation.StartsWith("YBR_FULL", StringComparison.Ordinal);
            planes = JpegDctDecoder.DecodePlanes(encodedFrame, frame, height, toRgb);
            if (toRgb) layout = layout with { PhotometricInterpretation = "RGB" };
        }
        try
        {
            JpegSampleWriter.Write(planes, pixels, description, destination);
        }
        finally
        {
            JpegLosslessDecoder.Return(planes);
        }
        return layout;
    }
}
