namespace Imaging.Api.Workspace;

/// <summary>The <c>Research</c> configuration section: the secret that keys the research pseudonyms.</summary>
public sealed class ResearchOptions
{
    public const string SectionName = "Research";

    /// <summary>The key as text (at least 16 characters); wins over <see cref="PseudonymKeyFile"/>.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>A file holding the key (at least 16 bytes; read as is). When neither is set, a random 32-byte key is
    /// created once in the data folder (mode 0600) and reused, so pseudonyms stay stable across restarts.</summary>
    public string? PseudonymKeyFile { get; set; }
}
