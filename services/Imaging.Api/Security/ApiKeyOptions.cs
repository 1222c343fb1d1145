namespace Imaging.Api.Security;

/// <summary>One API key (<c>Auth:ApiKeys:N</c>): who it is and its role, and the key as a SHA-256 hash or a file holding it.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The user name the key authenticates as (audit log, logs).</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ImagingRoles"/>.</summary>
    public string Role { get; set; } = "";

    /// <summary>SHA-256 of the key's UTF-8 bytes, 64 hex digits (<c>printf %s KEY | sha256sum</c>).</summary>
    public string? Sha256 { get; set; }

    /// <summary>A file whose content (trailing line breaks removed) is the key itself; instead of <see cref="Sha256"/>.</summary>
    public string? KeyFile { get; set; }
}
