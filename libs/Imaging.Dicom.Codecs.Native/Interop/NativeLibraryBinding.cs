using System.Runtime.InteropServices;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>One probed system library: its handle for the import resolver and the status callers see.</summary>
internal sealed class NativeLibraryBinding
{
    private NativeLibraryBinding(NativeLibraryStatus status, IntPtr handle)
    {
        Status = status;
        Handle = handle;
    }

    public NativeLibraryStatus Status { get; }

    /// <summary>The loaded library, or zero when it is unavailable.</summary>
    public IntPtr Handle { get; }

    /// <summary>
    /// Loads the first of <paramref name="candidates"/> (<paramref name="fileName"/> first, the name errors mention) that exists and asks it for its version through
    /// <paramref name="versionExport"/> (a <c>const char* f(void)</c>); <paramref name="isSupported"/> vets that version.
    /// </summary>
    public static unsafe NativeLibraryBinding Probe(string library, string fileName, string debianPackage, IReadOnlyList<string> candidates,
        string versionExport, Func<string, string?> isSupported)
    {
        foreach (var candidate in candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, versionExport, out var export))
            {
                NativeLibrary.Free(handle);
                return Missing($"{candidate} has no {versionExport}: not a supported {library}");
            }
            // Version functions return static strings: nothing to free.
            var version = Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged<byte*>)export)()) ?? "";
            var problem = isSupported(version);
            if (problem is not null)
            {
                NativeLibrary.Free(handle);
                return Missing($"{candidate} is {library} {version}: {problem}");
            }
            return new NativeLibraryBinding(new NativeLibraryStatus(library, fileName, debianPackage, true, candidate, version, null), handle);
        }
        return Missing($"none of {string.Join(", ", candidates)} could be loaded");

        NativeLibraryBinding Missing(string problem) =>
            new(new NativeLibraryStatus(library, fileName, debianPackage, false, null, null, problem), IntPtr.Zero);
    }

    /// <summary>Throws the error a caller sees when <paramref name="codec"/> cannot run without this library.</summary>
    public void Require(string codec)
    {
        if (Status.IsAvailable) return;
        throw new PixelDataException($"{codec} needs {Status.FileName} (Debian: apt-get install {Status.DebianPackage}); {Status.Problem}");
    }

    /// <summary>Reads "major.minor..." from a version string; null when it does not start that way.</summary>
    public static Version? ParseVersion(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        return System.Version.TryParse(text[..end].TrimEnd('.'), out var version) ? version : null;
    }
}
