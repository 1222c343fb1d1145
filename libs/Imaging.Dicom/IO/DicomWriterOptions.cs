namespace Imaging.Dicom.IO;

/// <summary>How sequences and items are delimited when written.</summary>
public enum SequenceLengthEncoding
{
    /// <summary>As they were read (undefined where the source used undefined); new ones undefined.</summary>
    Preserve,
    /// <summary>Undefined length with delimiters everywhere (streaming-friendly).</summary>
    Undefined,
    /// <summary>Explicit lengths everywhere (what some old readers need).</summary>
    Defined,
}

/// <summary>Choices for writing datasets and Part 10 files.</summary>
public sealed record DicomWriterOptions
{
    public static readonly DicomWriterOptions Default = new();

    public SequenceLengthEncoding SequenceLength { get; init; } = SequenceLengthEncoding.Preserve;

    /// <summary>Group length elements (gggg,0000) outside group 0002 are retired; true recomputes them, false drops them.</summary>
    public bool KeepGroupLengths { get; init; } = true;

    /// <summary>Leave group 0002 out of the dataset: it belongs to the file meta information only (PS3.10 7.1), and a
    /// copy written into a file's body would be taken for the meta group by every reader. Part 10 and DIMSE writers set it.</summary>
    public bool OmitFileMetaElements { get; init; }

    /// <summary>Deflate effort for the Deflated Explicit VR Little Endian syntax.</summary>
    public System.IO.Compression.CompressionLevel DeflateLevel { get; init; } = System.IO.Compression.CompressionLevel.Optimal;
}
