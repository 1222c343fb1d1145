using System.Security.Cryptography;
using System.Text;

namespace Imaging.Deidentification;

/// <summary>The secret behind every pseudonym: from configuration (text or file), or generated once into the data
/// folder (mode 0600) and reused, so the same patient keeps the same pseudonym across exports, restarts and nodes.</summary>
public static class PseudonymKey
{
    /// <summary>File name of the generated key in the data folder.</summary>
    public const string FileName = "research-pseudonym.key";

    /// <summary>Shortest key accepted, in bytes.</summary>
    public const int MinimumLength = 16;

    private const int GeneratedLength = 32;
    private const int MaximumFileLength = 4096;

    /// <summary>Loads the key: <paramref name="keyText"/> wins, then <paramref name="keyFile"/>, then
    /// <c>research-pseudonym.key</c> in <paramref name="dataFolder"/> (created when missing). With none of them the
    /// key is random for this process only (<see cref="PseudonymKeySource.Ephemeral"/>).</summary>
    /// <exception cref="InvalidOperationException">A configured key is too short or its file is missing.</exception>
    public static (byte[] Key, PseudonymKeySource Source) Load(string? keyText, string? keyFile, string? dataFolder)
    {
        if (!string.IsNullOrEmpty(keyText))
        {
            var key = Encoding.UTF8.GetBytes(keyText);
            if (key.Length < MinimumLength)
                throw new InvalidOperationException($"The research pseudonym key must be at least {MinimumLength} characters.");
            return (key, PseudonymKeySource.Configured);
        }
        if (!string.IsNullOrEmpty(keyFile)) return (ReadFile(keyFile), PseudonymKeySource.Configured);
        if (dataFolder is null) return (RandomNumberGenerator.GetBytes(GeneratedLength), PseudonymKeySource.Ephemeral);

        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path)) return (ReadFile(path), PseudonymKeySource.DataFolder);
        Directory.CreateDirectory(dataFolder);
        var generated = RandomNumberGenerator.GetBytes(GeneratedLength);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
            {
                stream.Write(generated);
                stream.Flush(flushToDisk: true);
            }
            return (generated, PseudonymKeySource.Generated);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (or node on the shared folder) created it first: use theirs, so both agree.
            return (ReadFile(path), PseudonymKeySource.DataFolder);
        }
    }

    private static byte[] ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidOperationException($"The research pseudonym key file {path} does not exist.");
        if (info.Length is < MinimumLength or > MaximumFileLength)
            throw new InvalidOperationException($"The research pseudonym key file {path} must hold {MinimumLength} to {MaximumFileLength} bytes.");
        return File.ReadAllBytes(path);
    }
}
