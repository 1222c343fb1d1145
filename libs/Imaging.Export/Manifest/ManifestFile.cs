namespace Imaging.Export.Manifest;

/// <summary>One file of the export as the manifest lists it: path relative to the root ('/' separated), size, SHA-256 (hex).</summary>
internal sealed record ManifestFile(string Path, long Size, string Sha256);
