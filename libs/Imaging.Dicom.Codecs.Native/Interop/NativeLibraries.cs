using System.Reflection;
using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>The system libraries this assembly imports from, probed once and handed to the P/Invoke resolver.</summary>
/// <remarks>Every import names a logical library (<see cref="CharLsImport"/>, <see cref="OpenJpegImport"/>); the resolver
/// maps it to the probed handle, so a missing library is reported by <see cref="NativeLibraryBinding.Require"/> before any
/// import is bound instead of escaping as <see cref="DllNotFoundException"/>.</remarks>
internal static class NativeLibraries
{
    public const string CharLsImport = "imaging-charls";
    public const string OpenJpegImport = "imaging-openjp2";

    private static readonly Lazy<NativeLibraryBinding> CharLsBinding = new(() => NativeLibraryBinding.Probe(
        "CharLS", "libcharls.so.2", "libcharls2", ["libcharls.so.2", "libcharls.so"], "charls_get_version_string",
        // The charls_jpegls_decoder_* C API with get_near_lossless and get_destination_size exists from 2.1 on.
        version => NativeLibraryBinding.ParseVersion(version) is { Major: 2, Minor: >= 1 } ? null : "CharLS 2.1 or later 2.x is needed"));

    private static readonly Lazy<NativeLibraryBinding> OpenJpegBinding = new(() => NativeLibraryBinding.Probe(
        "OpenJPEG", "libopenjp2.so.7", "libopenjp2-7", ["libopenjp2.so.7", "libopenjp2.so"], "opj_version",
        // HTJ2K decoding and opj_decoder_set_strict_mode arrived in 2.5.0; the struct layouts here are 2.5's.
        version => NativeLibraryBinding.ParseVersion(version) is { Major: 2, Minor: >= 5 } ? null : "OpenJPEG 2.5 or later 2.x is needed"));

    static NativeLibraries() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    public static NativeLibraryBinding CharLs => CharLsBinding.Value;

    public static NativeLibraryBinding OpenJpeg => OpenJpegBinding.Value;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        CharLsImport => CharLsBinding.Value.Handle,
        OpenJpegImport => OpenJpegBinding.Value.Handle,
        _ => IntPtr.Zero,
    };
}
