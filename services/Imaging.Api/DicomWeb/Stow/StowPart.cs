namespace Imaging.Api.DicomWeb;

/// <summary>One received STOW-RS part, spooled to a temporary file in the blob store's incoming folder.</summary>
/// <param name="ContentType">The part's own Content-Type, or null when it had none (the request's type then applies).</param>
internal sealed record StowPart(string TemporaryFilePath, string? ContentType, long Length);
