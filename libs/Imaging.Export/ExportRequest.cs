using Imaging.Deidentification;

namespace Imaging.Export;

/// <summary>One research export: which patients or studies, where to, and under which de-identification profile.</summary>
/// <param name="Selection">The cohort.</param>
/// <param name="OutputPath">A folder (created; must be empty or missing) or a path ending in ".zip".</param>
/// <param name="Options">The PS3.15 profile and options.</param>
/// <param name="RequestedBy">Who asked (user name), for the audit log and the manifest.</param>
/// <param name="DeflateZip">Deflate the ZIP's entries; off by default (entries STORED): deflating hundreds of CT
/// instances a second does not fit two cores, and pixel data barely shrinks.</param>
public sealed record ExportRequest(ExportSelection Selection, string OutputPath, DeidentificationOptions Options, string RequestedBy,
    bool DeflateZip = false)
{
    /// <summary>True when <see cref="OutputPath"/> names a ZIP file rather than a folder.</summary>
    public bool IsZip => OutputPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
