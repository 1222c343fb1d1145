namespace Imaging.Dicom.Json;

/// <summary>DICOM JSON could not be read or written; says where, as a JSON path and (when reading) a text position.</summary>
public sealed class DicomJsonException : Exception
{
    public DicomJsonException(string reason, string path, long? bytePosition = null, long? lineNumber = null, long? column = null, Exception? inner = null)
        : base(Compose(reason, path, bytePosition, lineNumber, column), inner)
    {
        Reason = reason;
        Path = path;
        BytePosition = bytePosition;
        LineNumber = lineNumber;
        Column = column;
    }

    /// <summary>The problem, without the location.</summary>
    public string Reason { get; }

    /// <summary>JSONPath-style location of the offending value, e.g. <c>$['00400275'].Value[0]['00080100'].Value[1]</c>.</summary>
    public string Path { get; }

    /// <summary>Zero-based offset in the UTF-8 input, when reading.</summary>
    public long? BytePosition { get; }

    /// <summary>One-based line of the offending token, when reading.</summary>
    public long? LineNumber { get; }

    /// <summary>One-based column (in bytes) of the offending token, when reading.</summary>
    public long? Column { get; }

    private static string Compose(string reason, string path, long? position, long? line, long? column)
    {
        var where = position is null ? $"at {path}" : $"at {path} (line {line}, column {column}, byte {position})";
        return $"{reason} {where}";
    }
}
