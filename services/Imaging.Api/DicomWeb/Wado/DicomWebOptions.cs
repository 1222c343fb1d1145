namespace Imaging.Api.DicomWeb;

/// <summary>The <c>DicomWeb</c> configuration section: WADO-RS, STOW-RS, metadata and CORS limits.</summary>
public sealed class DicomWebOptions
{
    public const string SectionName = "DicomWeb";

    /// <summary>Path the DICOMweb routes are mapped under; the precomputed metadata's BulkDataURIs are built from it, so
    /// it must match the prefix given to <c>MapDicomWeb</c>.</summary>
    public string PathPrefix { get; set; } = "/dicomweb";

    /// <summary>Binary values (OB, OW, UN...) of at least this many bytes appear in metadata as BulkDataURI instead of
    /// InlineBinary; pixel data always does.</summary>
    public long BulkDataThreshold { get; set; } = 1024;

    /// <summary>Most frames one frames or rendered request may name.</summary>
    public int MaxFramesPerRequest { get; set; } = 1000;

    /// <summary>Largest rendered viewport side, in pixels.</summary>
    public int MaxViewportSize { get; set; } = 4096;

    /// <summary>Thumbnail viewport side when the request names none.</summary>
    public int ThumbnailSize { get; set; } = 128;

    public StowOptions Stow { get; set; } = new();

    public DicomWebCorsOptions Cors { get; set; } = new();

    internal void Validate()
    {
        if (string.IsNullOrEmpty(PathPrefix) || PathPrefix[0] != '/' || PathPrefix.EndsWith('/'))
            throw new InvalidOperationException($"{SectionName}:{nameof(PathPrefix)} must start with '/' and not end with one, e.g. /dicomweb.");
        if (BulkDataThreshold < 0) throw new InvalidOperationException($"{SectionName}:{nameof(BulkDataThreshold)} must be 0 or more.");
        if (MaxFramesPerRequest < 1) throw new InvalidOperationException($"{SectionName}:{nameof(MaxFramesPerRequest)} must be 1 or more.");
        if (MaxViewportSize < 1) throw new InvalidOperationException($"{SectionName}:{nameof(MaxViewportSize)} must be 1 or more.");
        if (ThumbnailSize < 1 || ThumbnailSize > MaxViewportSize)
            throw new InvalidOperationException($"{SectionName}:{nameof(ThumbnailSize)} must be 1 to {nameof(MaxViewportSize)}.");
        if (Stow.MaxPartBytes < 1 || Stow.MaxParts < 1 || Stow.MaxRequestBytes < Stow.MaxPartBytes)
            throw new InvalidOperationException($"{SectionName}:Stow limits must be positive and MaxRequestBytes at least MaxPartBytes.");
    }
}

/// <summary>Limits of one STOW-RS request (<c>DicomWeb:Stow</c>).</summary>
public sealed class StowOptions
{
    /// <summary>Largest single part (one instance), in bytes.</summary>
    public long MaxPartBytes { get; set; } = 1L << 30;

    /// <summary>Most parts (instances) in one request.</summary>
    public int MaxParts { get; set; } = 2000;

    /// <summary>Largest request body, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 4L << 30;
}

/// <summary>Cross-origin access for browser viewers (<c>DicomWeb:Cors</c>).</summary>
public sealed class DicomWebCorsOptions
{
    /// <summary>Origins allowed, e.g. "https://viewer.example.org", or "*"; empty sends no CORS headers at all.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may cache a preflight answer.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}
