namespace Imaging.Dicom.Rendering;

/// <summary>One rendered frame: 8-bit grayscale (1 channel) or RGB (3 channels, interleaved), rows top to bottom.</summary>
public sealed class RenderedFrame
{
    public RenderedFrame(int width, int height, int channels, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (grayscale) or 3 (RGB).");
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * channels)
            throw new ArgumentException($"{pixels.LongLength} bytes do not hold {width} × {height} × {channels} samples", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>1 for grayscale, 3 for RGB.</summary>
    public int Channels { get; }

    public byte[] Pixels { get; }

    public bool IsColor => Channels == 3;
}
