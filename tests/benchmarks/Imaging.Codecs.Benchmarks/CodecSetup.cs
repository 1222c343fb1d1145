using Imaging.Dicom.Imaging;

namespace Imaging.Codecs.Benchmarks;

/// <summary>The one place this benchmark learns about codecs: the registry every decode goes through.</summary>
/// <remarks>Imaging.Dicom's own codecs (RLE, encapsulated uncompressed) are in <see cref="PixelCodecRegistry.Default"/>
/// already; codec libraries in other projects (JPEG, JPEG-LS, JPEG 2000) add their registration calls here, with a
/// project reference in the csproj.</remarks>
internal static class CodecSetup
{
    public static PixelCodecRegistry CreateRegistry()
    {
        var registry = PixelCodecRegistry.Default;
        return registry;
    }
}
