using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>Registers the JPEG-LS and JPEG 2000 / HTJ2K codecs backed by the Debian system libraries and reports which were found.</summary>
public static class NativeCodecs
{
    /// <summary>NEAR of the registered near-lossless JPEG-LS encoder: DCMTK's dcmcjpls default.</summary>
    public const int DefaultNearLossless = 2;

    /// <summary>Which libraries loaded, from where, and their versions (probed once per process).</summary>
    public static NativeCodecAvailability Availability => new(NativeLibraries.CharLs.Status, NativeLibraries.OpenJpeg.Status);

    /// <summary>
    /// Adds the decoders (JPEG-LS .80/.81, JPEG 2000 .90/.91, HTJ2K .201/.202/.203) and the JPEG-LS encoders to
    /// <paramref name="registry"/> (default: <see cref="PixelCodecRegistry.Default"/>). They are registered even when a
    /// library is missing, so decoding such a frame names the package to install instead of "no decoder".
    /// </summary>
    public static void Register(PixelCodecRegistry? registry = null)
    {
        registry ??= PixelCodecRegistry.Default;
        registry.Register(new JpegLsDecoder());
        registry.Register(new Jpeg2000Decoder());
        registry.Register(new JpegLsEncoder());
        registry.Register(new JpegLsEncoder(DefaultNearLossless));
    }
}
