namespace Imaging.Dicom.Json;

/// <summary>Options of <see cref="DicomJsonReader"/>, including the limits that keep hostile input in bounds.</summary>
public sealed record DicomJsonReaderOptions
{
    /// <summary>Upper bound of <see cref="MaxSequenceDepth"/>: deeper nesting is never real data and would only spend stack.</summary>
    public const int MaxSupportedSequenceDepth = 256;

    public static DicomJsonReaderOptions Default { get; } = new();

    /// <summary>How deeply sequences may nest (a top-level sequence's items are depth 1). Real objects, structured reports
    /// included, stay well below the default of 64.</summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Largest UTF-8 input accepted, in bytes; the input is held in memory whole, so this bounds what a reader
    /// allocates for it. The default (512 MiB) leaves room for inline pixel data of ordinary multi-frame images.</summary>
    public long MaxInputBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Fetches the value behind a "BulkDataURI" when something first needs its bytes; the result must be the
    /// value's bytes in little-endian order. Without it, such values throw until resolved (see <see cref="BulkDataUriBuffer"/>).</summary>
    public Func<BulkDataUriBuffer, ReadOnlyMemory<byte>>? BulkDataResolver { get; init; }

    internal void Validate()
    {
        if (MaxSequenceDepth is < 0 or > MaxSupportedSequenceDepth)
            throw new ArgumentOutOfRangeException(nameof(MaxSequenceDepth), $"Sequence depth is limited to 0..{MaxSupportedSequenceDepth}.");
        if (MaxInputBytes <= 0 || MaxInputBytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MaxInputBytes), $"The input limit must lie in 1..{Array.MaxLength}.");
    }
}
