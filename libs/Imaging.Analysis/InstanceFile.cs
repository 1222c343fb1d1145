using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Analysis;

/// <summary>Where one instance's Part 10 data can be read: a local file (large values then stay on disk until asked for)
/// or a stream opened on demand (a blob store without paths).</summary>
public sealed class InstanceFile
{
    private readonly Func<Stream>? _open;
    private readonly string? _unavailableReason;

    private InstanceFile(string name, string? sopInstanceUid, string? path, Func<Stream>? open, string? unavailableReason)
    {
        Name = name;
        ExpectedSopInstanceUid = sopInstanceUid;
        Path = path;
        _open = open;
        _unavailableReason = unavailableReason;
    }

    /// <summary>What problems and logs call this instance: its SOP Instance UID when known, else the file name.</summary>
    public string Name { get; }

    /// <summary>The SOP Instance UID an index says this file holds; a file holding another one is reported.</summary>
    public string? ExpectedSopInstanceUid { get; }

    /// <summary>The local file, when there is one.</summary>
    public string? Path { get; }

    /// <summary>A local Part 10 file.</summary>
    public static InstanceFile FromPath(string path, string? sopInstanceUid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new InstanceFile(sopInstanceUid ?? System.IO.Path.GetFileName(path), sopInstanceUid, path, null, null);
    }

    /// <summary>Part 10 data behind a stream that <paramref name="open"/> creates for each read.</summary>
    public static InstanceFile FromStream(string name, Func<Stream> open, string? sopInstanceUid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(open);
        return new InstanceFile(name, sopInstanceUid, null, open, null);
    }

    /// <summary>An instance that is indexed but cannot be located (e.g. its blob key is not one the store knows); reading it
    /// fails with <paramref name="reason"/>, which then appears as the instance's problem.</summary>
    public static InstanceFile Unavailable(string sopInstanceUid, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(sopInstanceUid);
        return new InstanceFile(sopInstanceUid, sopInstanceUid, null, null, reason);
    }

    /// <summary>Opens the Part 10 data for reading; throws <see cref="FileNotFoundException"/> when it is not there.</summary>
    public Stream OpenRead()
    {
        if (_unavailableReason is not null) throw new FileNotFoundException(_unavailableReason);
        if (Path is not null) return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return _open!();
    }

    /// <summary>Reads the file with <paramref name="options"/>: from the path when there is one, so values at or over the
    /// options' threshold (pixel data above all) stay on disk.</summary>
    public DicomFile Read(DicomReaderOptions? options = null)
    {
        if (_unavailableReason is not null) throw new FileNotFoundException(_unavailableReason);
        if (Path is not null) return DicomFileReader.Read(Path, options);
        using var stream = _open!();
        return DicomFileReader.Read(stream, options);
    }

    /// <summary>Reads the header only: everything before Pixel Data, which is never read.</summary>
    public DicomFile ReadHeader() => Read(HeaderOptions);

    /// <summary>Stops before pixel data; keeps what a truncated header held so one damaged file still tells something.</summary>
    internal static readonly DicomReaderOptions HeaderOptions = new() { StopBeforeTag = DicomTag.PixelData, KeepPartialOnError = true };

    public override string ToString() => Name;
}
