using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Registers this package's JPEG decoders and the JPEG Lossless SV1 encoder with a codec registry.</summary>
public static class JpegCodecs
{
    /// <summary>Adds the JPEG decoders (.50, .51, .57, .70) and the SV1 encoder (.70) to <paramref name="registry"/>.</summary>
    public static void Register(PixelCodecRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(new JpegPixelDecoder());
        registry.Register(new JpegLosslessEncoder());
    }
}
