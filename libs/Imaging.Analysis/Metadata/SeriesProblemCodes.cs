namespace Imaging.Analysis.Metadata;

/// <summary>Stable codes of <see cref="SeriesProblem"/>, for filtering and alerting.</summary>
public static class SeriesProblemCodes
{
    /// <summary>The file is not there (a blob lost or never written).</summary>
    public const string MissingFile = "missing-file";

    /// <summary>The file is there but is not DICOM or could not be read; the instance is left out.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The header stopped at a format error; what came before it is used.</summary>
    public const string PartialHeader = "partial-header";

    /// <summary>The file holds another SOP Instance UID than the index says.</summary>
    public const string UidMismatch = "uid-mismatch";

    /// <summary>A second file with a SOP Instance UID already read; it is left out.</summary>
    public const string DuplicateInstance = "duplicate-instance";

    /// <summary>The file belongs to another series than the rest.</summary>
    public const string OtherSeries = "other-series";

    /// <summary>An attribute's value could not be parsed; it is treated as absent.</summary>
    public const string BadValue = "bad-value";

    /// <summary>No readable instance at all.</summary>
    public const string NoInstances = "no-instances";
}
