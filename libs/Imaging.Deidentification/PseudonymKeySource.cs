namespace Imaging.Deidentification;

/// <summary>Where <see cref="PseudonymKey.Load"/> found the key, so hosts can log the consequences.</summary>
public enum PseudonymKeySource
{
    /// <summary>From configuration (text or key file).</summary>
    Configured,
    /// <summary>The key file already in the data folder.</summary>
    DataFolder,
    /// <summary>Just generated into the data folder.</summary>
    Generated,
    /// <summary>Random for this process: pseudonyms change on restart.</summary>
    Ephemeral,
}
