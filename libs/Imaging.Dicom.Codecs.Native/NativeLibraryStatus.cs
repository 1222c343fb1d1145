namespace Imaging.Dicom.Codecs.Native;

/// <summary>Whether one system codec library was found, the file it was loaded from and the version it reports.</summary>
/// <param name="Library">The library's name (CharLS, OpenJPEG).</param>
/// <param name="FileName">The shared object this codec loads (libcharls.so.2, libopenjp2.so.7).</param>
/// <param name="DebianPackage">The Debian package that installs it.</param>
/// <param name="IsAvailable">True when it loaded and reported a supported version.</param>
/// <param name="LoadedFrom">The name it was loaded under, when found.</param>
/// <param name="Version">The version string the library reports, when found.</param>
/// <param name="Problem">Why it is unavailable, when it is.</param>
public sealed record NativeLibraryStatus(
    string Library,
    string FileName,
    string DebianPackage,
    bool IsAvailable,
    string? LoadedFrom,
    string? Version,
    string? Problem)
{
    public override string ToString() => IsAvailable
        ? $"{Library} {Version} ({LoadedFrom})"
        : $"{Library}: not available ({Problem})";
}
