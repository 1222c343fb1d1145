using Imaging.Export.Manifest;

namespace Imaging.Export;

/// <summary>One instance after reading and de-identification: ready to write (path, Part 10 bytes, SHA-256), or an
/// item for the manifest's quarantined or failed list.</summary>
internal sealed record PreparedInstance(
    string? RelativePath,
    ReadOnlyMemory<byte> Content,
    string? Sha256,
    string? Patient,
    string? Study,
    string? Series,
    ManifestItem? Quarantined,
    ManifestItem? Failed);
