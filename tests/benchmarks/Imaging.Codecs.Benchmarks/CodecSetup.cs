using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Codecs.Native;
using Imaging.Dicom.Imaging;

namespace Imaging.Codecs.Benchmarks;

/// <summary>The one place this benchmark learns about codecs: the registry every decode goes through.</summary>
/// <remarks>Imaging.Dicom's own codecs (RLE, encapsulated uncompressed) are in <see cref="PixelCodecRegistry.Default"/>
/// already; the JPEG (JpegLibrary and ours) and native (CharLS, OpenJPEG) codec libraries register here.</remarks>
internal static class CodecSetup
{
    public static PixelCodecRegistry CreateRegistry()
    {
        var registry = PixelCodecRegistry.Default;
        JpegCodecs.Register(registry);
        NativeCodecs.Register(registry);
        return registry;
    }
}
