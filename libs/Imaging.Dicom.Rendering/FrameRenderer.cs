using System.Buffers;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Rendering;

/// <summary>Renders one frame of a DICOM image to 8-bit grayscale or RGB, following PS3.3 C.11 and PS3.14.</summary>
public static class FrameRenderer
{
    /// <summary>Renders frame <paramref name="frame"/> (0-based) of <paramref name="file"/>.</summary>
    public static RenderedFrame Render(DicomFile file, int frame, RenderOptions? options = null, PixelCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Render(file.Dataset, file.TransferSyntax, frame, options, codecs);
    }

    /// <summary>Renders frame <paramref name="frame"/> (0-based) of <paramref name="dataset"/>, decoding it with
    /// <paramref name="codecs"/> (default: <see cref="PixelCodecRegistry.Default"/>) when it is compressed.</summary>
    /// <exception cref="PixelDataException">The pixel data or the attributes that describe it cannot be rendered.</exception>
    public static RenderedFrame Render(DicomDataset dataset, DicomTransferSyntax syntax, int frame, RenderOptions? options = null, PixelCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        options ??= RenderOptions.Default;
        var description = PixelDataDescription.FromDataset(dataset);
        if (frame < 0 || frame >= description.NumberOfFrames)
            throw new PixelDataException($"Frame {frame + 1} was asked for; the image has {description.NumberOfFrames}");

        if (!syntax.IsEncapsulated && description.PhotometricInterpretation == "YBR_FULL_422")
            return RenderNativeSubsampled(dataset, description, frame);

        var pixelData = DicomPixelData.Create(dataset, syntax);
        var length = (int)description.FrameLength;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var layout = pixelData.DecodeFrame(frame, buffer.AsSpan(0, length), codecs ?? PixelCodecRegistry.Default);
            // Native and RLE data keep the stored bits where High Bit puts them; other codecs return them in the low bits.
            var shiftHighBit = !syntax.IsEncapsulated || syntax.Uid == DicomTransferSyntax.RleLossless.Uid;
            var format = SampleFormat.For(description, shiftHighBit);
            return RenderSamples(dataset, description, layout, format, buffer.AsSpan(0, length), frame, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RenderedFrame RenderSamples(DicomDataset dataset, PixelDataDescription description, DecodedFrameLayout layout,
        SampleFormat format, ReadOnlySpan<byte> samples, int frame, RenderOptions options)
    {
        var width = description.Columns;
        var height = description.Rows;
        var pixelCount = checked(width * height);
        var photometric = layout.PhotometricInterpretation.Trim().ToUpperInvariant();
        switch (photometric)
        {
            case "MONOCHROME1" or "MONOCHROME2":
            {
                RequireSamples(description, 1, photometric);
                var modality = ModalityTransform.For(dataset, frame, description.IsSigned);
                var voi = VoiSelection.Choose(dataset, frame, options, description.IsSigned, modality);
                var shape = options.PresentationShape ?? FileShape(dataset, photometric);
                var pixels = GrayscaleRenderer.Render(samples, pixelCount, format, modality, voi, options.AutoWindow, shape == PresentationLutShape.Inverse);
                return new RenderedFrame(width, height, 1, pixels);
            }
            case "PALETTE COLOR":
                RequireSamples(description, 1, photometric);
                return new RenderedFrame(width, height, 3, PaletteColorRenderer.Render(samples, pixelCount, format, dataset));
            case "RGB" or "YBR_FULL" or "YBR_FULL_422":
                RequireSamples(description, 3, photometric);
                return new RenderedFrame(width, height, 3, ColorRenderer.Render(samples, width, height, format, photometric, layout.PlanarConfiguration, subsampled: false));
            default:
                throw new PixelDataException($"Photometric Interpretation {photometric} is not supported for rendering");
        }
    }

    /// <summary>MONOCHROME1 shows low values bright: it is displayed through an inversion whatever the Presentation
    /// LUT Shape says, since an INVERSE shape on MONOCHROME1 states that same inversion (PS3.3 C.11.6.1).</summary>
    private static PresentationLutShape FileShape(DicomDataset dataset, string photometric)
    {
        if (photometric == "MONOCHROME1") return PresentationLutShape.Inverse;
        return dataset.GetSingleString(DicomTags.PresentationLUTShape)?.Trim().ToUpperInvariant() switch
        {
            null or "" or "IDENTITY" => PresentationLutShape.Identity,
            "INVERSE" => PresentationLutShape.Inverse,
            var other => throw new PixelDataException($"Presentation LUT Shape '{other}' is not IDENTITY or INVERSE"),
        };
    }

    private static void RequireSamples(PixelDataDescription description, int expected, string photometric)
    {
        if (description.SamplesPerPixel != expected)
            throw new PixelDataException($"{photometric} needs {expected} sample(s) per pixel, the image has {description.SamplesPerPixel}");
    }

    /// <summary>Native YBR_FULL_422 stores two luminance samples and one pair of chroma samples per two pixels of a row
    /// (PS3.3 C.7.6.3.1.2), so a frame is 2/3 of what three samples per pixel would take.</summary>
    private static RenderedFrame RenderNativeSubsampled(DicomDataset dataset, PixelDataDescription description, int frame)
    {
        RequireSamples(description, 3, description.PhotometricInterpretation);
        if (description.Columns % 2 != 0)
            throw new PixelDataException($"YBR_FULL_422 needs an even number of columns, not {description.Columns}");
        var frameLength = description.PixelCount * 2 * description.BytesPerSample;
        if (dataset.GetElement(DicomTags.PixelData) is not { } element)
            throw new PixelDataException("The dataset has no native Pixel Data (7FE0,0010)");
        var needed = checked(frameLength * (frame + 1));
        if (element.Length < needed)
            throw new PixelDataException($"Pixel Data holds {element.Length} bytes, frame {frame + 1} of YBR_FULL_422 ends at byte {needed}");
        var samples = element.Buffer.GetMemory().Span.Slice(checked((int)(frameLength * frame)), (int)frameLength);
        var format = SampleFormat.For(description, shiftHighBit: true);
        var pixels = ColorRenderer.Render(samples, description.Columns, description.Rows, format, "YBR_FULL_422", 0, subsampled: true);
        return new RenderedFrame(description.Columns, description.Rows, 3, pixels);
    }
}
