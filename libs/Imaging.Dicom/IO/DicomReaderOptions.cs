namespace Imaging.Dicom.IO;

/// <summary>Limits and choices for reading DICOM; every limit exists because inputs are hostile.</summary>
public sealed record DicomReaderOptions
{
    public static readonly DicomReaderOptions Default = new();

    /// <summary>Values at least this long stay on disk until asked for (file input only).</summary>
    public int LargeValueThreshold { get; init; } = 64 * 1024;

    /// <summary>Longest single value accepted; longer claims are rejected before anything is allocated.</summary>
    public long MaxValueLength { get; init; } = 4L * 1024 * 1024 * 1024 - 2;

    /// <summary>Longest value loaded into memory when it cannot stay on disk (stream or deflated input).</summary>
    public int MaxInMemoryValueLength { get; init; } = 1024 * 1024 * 1024;

    /// <summary>Deepest nesting of sequences accepted.</summary>
    public int MaxSequenceDepth { get; init; } = 32;

    /// <summary>Cap on the inflated size of a deflated dataset (a deflate bomb stops here).</summary>
    public long MaxInflatedLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>Cap on the number of attributes in the whole file, items included.</summary>
    public int MaxAttributeCount { get; init; } = 4_000_000;

    /// <summary>On a fatal format error, return what was read so far (with the error as the last warning and
    /// <see cref="DicomFile.IsPartial"/> set) instead of throwing. For tools that show what they can; never for ingest.</summary>
    public bool KeepPartialOnError { get; init; }

    /// <summary>Stop before this tag (at the top level), e.g. Pixel Data for a header-only read over a stream.</summary>
    public Data.DicomTag? StopBeforeTag { get; init; }
}
