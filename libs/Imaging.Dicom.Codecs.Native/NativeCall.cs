using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>The error for a library that loaded but lacks a function this toolkit imports (an unexpected build of it).</summary>
internal static class NativeCall
{
    public static bool IsBindingFailure(Exception e) => e is DllNotFoundException or EntryPointNotFoundException;

    public static PixelDataException BindingFailed(string codec, NativeLibraryBinding library, Exception e) =>
        new($"{codec} needs {library.Status.FileName} ({library.Status.DebianPackage}) with the functions this toolkit imports; {library.Status}: {e.Message}", e);
}
