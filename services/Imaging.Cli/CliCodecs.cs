using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Codecs.Native;
using Imaging.Dicom.Imaging;

namespace Imaging.Cli;

/// <summary>Puts every pixel codec this program ships into <see cref="PixelCodecRegistry.Default"/>: Imaging.Dicom's
/// own (RLE, encapsulated uncompressed) are there already; JPEG (JpegLibrary and ours) and JPEG-LS / JPEG 2000 (the
/// system's CharLS and OpenJPEG, reported as missing only when a frame needs them) join here.</summary>
internal static class CliCodecs
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        JpegCodecs.Register(PixelCodecRegistry.Default);
        NativeCodecs.Register(PixelCodecRegistry.Default);
    }
}
