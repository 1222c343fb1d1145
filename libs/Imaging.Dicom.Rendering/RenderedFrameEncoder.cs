using Imaging.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Imaging.Dicom.Rendering;

/// <summary>Writes rendered frames as PNG or JPEG through ImageSharp, which only ever sees our own 8-bit buffers.</summary>
public static class RenderedFrameEncoder
{
    public const int DefaultJpegQuality = 90;

    /// <summary>The format a file name asks for (.png, .jpg, .jpeg), or null for any other extension.</summary>
    public static RenderedImageFormat? FormatFromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => RenderedImageFormat.Png,
            ".jpg" or ".jpeg" => RenderedImageFormat.Jpeg,
            _ => null,
        };
    }

    /// <param name="quality">JPEG quality 1..100; ignored for PNG.</param>
    public static async Task EncodeAsync(RenderedFrame frame, Stream output, RenderedImageFormat format, int quality = DefaultJpegQuality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var encoder = CreateEncoder(frame, format, quality);
        if (frame.IsColor)
        {
            using var image = Image.LoadPixelData<Rgb24>(frame.Pixels, frame.Width, frame.Height);
            await image.SaveAsync(output, encoder, cancellationToken);
        }
        else
        {
            using var image = Image.LoadPixelData<L8>(frame.Pixels, frame.Width, frame.Height);
            await image.SaveAsync(output, encoder, cancellationToken);
        }
    }

    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> in the format its extension names.</summary>
    public static async Task SaveAsync(RenderedFrame frame, string path, int quality = DefaultJpegQuality, CancellationToken cancellationToken = default)
    {
        var format = FormatFromPath(path) ?? throw new ArgumentException($"'{path}' does not end in .png, .jpg or .jpeg", nameof(path));
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await EncodeAsync(frame, stream, format, quality, cancellationToken);
    }

    private static IImageEncoder CreateEncoder(RenderedFrame frame, RenderedImageFormat format, int quality) => format switch
    {
        RenderedImageFormat.Png => new PngEncoder
        {
            ColorType = frame.IsColor ? PngColorType.Rgb : PngColorType.Grayscale,
            BitDepth = PngBitDepth.Bit8,
            // Previews are written far more often than they are stored long: fast compression is the better trade.
            CompressionLevel = PngCompressionLevel.BestSpeed,
            // Adaptive filtering tries every filter on every row and picked Paeth on CT anyway, at 2.5 times the cost
            // (22 vs 9 ms for a 512 x 512 frame, docs/benchmarks.md, "Rendering benchmarks").
            FilterMethod = PngFilterMethod.Paeth,
        },
        RenderedImageFormat.Jpeg => new JpegEncoder
        {
            Quality = quality,
            ColorType = frame.IsColor ? JpegColorType.YCbCrRatio444 : JpegColorType.Luminance,
        },
        _ => throw new PixelDataException($"Unknown image format {format}"),
    };
}
