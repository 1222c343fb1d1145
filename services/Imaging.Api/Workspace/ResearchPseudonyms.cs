using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Workspace;

/// <summary>Keyed pseudonyms for research rows: HMAC-SHA256 of the identifier under a secret key, 80 bits in base32
/// ("P-" patients, "S-" studies). Without the key the pseudonym cannot be linked back to the patient, and the same
/// patient gets the same pseudonym in every export.</summary>
internal sealed partial class ResearchPseudonyms
{
    /// <summary>File name of the generated key in the data folder.</summary>
    public const string KeyFileName = "research-pseudonym.key";

    private const int MinimumKeyLength = 16;
    private const int GeneratedKeyLength = 32;
    private const int MaximumKeyFileLength = 4096;

    /// <summary>Bytes of the MAC kept: 80 bits, 16 base32 characters; collisions are negligible at any cohort size.</summary>
    private const int PseudonymBytes = 10;

    private readonly Lazy<byte[]> _key;

    public ResearchPseudonyms(IOptions<ResearchOptions> options, WorkspaceDataFolder folder, ILogger<ResearchPseudonyms> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        var value = options.Value;
        _key = new Lazy<byte[]>(() => LoadKey(value, folder.Path, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Patient(string patientId) => "P-" + Mac("patient", patientId);

    public string Study(string studyInstanceUid) => "S-" + Mac("study", studyInstanceUid);

    private string Mac(string kind, string value)
    {
        // The kind keeps a patient ID that happens to equal a study UID from mapping to the same pseudonym.
        var mac = HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(kind + "\0" + value));
        return Base32(mac.AsSpan(0, PseudonymBytes));
    }

    /// <summary>RFC 4648 base32 without padding (10 bytes are exactly 16 characters).</summary>
    private static string Base32(ReadOnlySpan<byte> data)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    private static byte[] LoadKey(ResearchOptions options, string? dataFolder, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.PseudonymKey))
        {
            var key = Encoding.UTF8.GetBytes(options.PseudonymKey);
            if (key.Length < MinimumKeyLength)
                throw new InvalidOperationException($"Research:PseudonymKey must be at least {MinimumKeyLength} characters.");
            return key;
        }
        if (!string.IsNullOrEmpty(options.PseudonymKeyFile)) return ReadKeyFile(options.PseudonymKeyFile, "Research:PseudonymKeyFile");
        if (dataFolder is null)
        {
            // No place to keep one: pseudonyms are stable for this process only.
            EphemeralKey(logger);
            return RandomNumberGenerator.GetBytes(GeneratedKeyLength);
        }
        var path = System.IO.Path.Combine(dataFolder, KeyFileName);
        if (File.Exists(path)) return ReadKeyFile(path, path);
        Directory.CreateDirectory(dataFolder);
        var generated = RandomNumberGenerator.GetBytes(GeneratedKeyLength);
        try
        {
            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, streamOptions))
            {
                stream.Write(generated);
                stream.Flush(flushToDisk: true);
            }
            KeyCreated(logger, path);
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (or node on the shared folder) created it first: use theirs, so both agree.
            return ReadKeyFile(path, path);
        }
    }

    private static byte[] ReadKeyFile(string path, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidOperationException($"{what}: the key file {path} does not exist.");
        if (info.Length is < MinimumKeyLength or > MaximumKeyFileLength)
            throw new InvalidOperationException($"{what}: the key file must hold {MinimumKeyLength} to {MaximumKeyFileLength} bytes.");
        return File.ReadAllBytes(path);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Research pseudonym key created at {Path} (mode 0600); keep it to keep pseudonyms stable")]
    private static partial void KeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "No research pseudonym key configured and no data folder: pseudonyms change when the process restarts")]
    private static partial void EphemeralKey(ILogger logger);
}
