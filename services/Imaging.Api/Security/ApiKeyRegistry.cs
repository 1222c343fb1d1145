using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Api.Security;

/// <summary>The configured API keys, held only as SHA-256 hashes; a presented key is hashed and compared with every one in
/// constant time, so neither the timing nor the position of a match tells anything about the keys.</summary>
public sealed class ApiKeyRegistry
{
    /// <summary>Longest key accepted in a request: anything longer is not one of ours and is not hashed.</summary>
    public const int MaximumKeyLength = 1024;

    /// <summary>Shortest key accepted from a key file: shorter ones can be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Largest key file read.</summary>
    private const int MaximumKeyFileBytes = 16 * 1024;

    private readonly Entry[] _entries;

    private ApiKeyRegistry(Entry[] entries) => _entries = entries;

    /// <summary>How many keys are configured.</summary>
    public int Count => _entries.Length;

    /// <summary>A key's holder.</summary>
    public sealed record Holder(string Name, string Role);

    private sealed record Entry(byte[] Hash, Holder Holder);

    /// <summary>Checks and loads <paramref name="keys"/>; throws <see cref="SecurityConfigurationException"/> naming the entry.</summary>
    public static ApiKeyRegistry Load(IReadOnlyList<ApiKeyOptions> keys)
    {
        var entries = new List<Entry>();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var where = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Length > 128 || key.Name.Any(char.IsControl))
                throw new SecurityConfigurationException($"{where}:Name must be 1 to 128 characters without control characters");
            if (!ImagingRoles.IsKnown(key.Role))
                throw new SecurityConfigurationException($"{where}:Role '{key.Role}' is not one of {string.Join(", ", ImagingRoles.All)}");
            var hasHash = !string.IsNullOrWhiteSpace(key.Sha256);
            var hasFile = !string.IsNullOrWhiteSpace(key.KeyFile);
            if (hasHash == hasFile) throw new SecurityConfigurationException($"{where} ({key.Name}) needs exactly one of Sha256 and KeyFile");
            byte[] hash;
            if (hasHash)
            {
                var hex = key.Sha256!.Trim();
                if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                    throw new SecurityConfigurationException($"{where}:Sha256 ({key.Name}) must be 64 hex digits (the SHA-256 of the key)");
                hash = Convert.FromHexString(hex);
            }
            else
            {
                var secret = ReadKeyFile(key.KeyFile!, $"{where}:KeyFile ({key.Name})");
                if (secret.Length < MinimumKeyLength || secret.Length > MaximumKeyLength)
                    throw new SecurityConfigurationException($"{where}:KeyFile ({key.Name}) must hold a key of {MinimumKeyLength} to {MaximumKeyLength} characters");
                hash = Hash(secret);
            }
            if (entries.Any(e => CryptographicOperations.FixedTimeEquals(e.Hash, hash)))
                throw new SecurityConfigurationException($"{where} ({key.Name}) is the same key as an earlier entry");
            entries.Add(new Entry(hash, new Holder(key.Name, key.Role)));
        }
        return new ApiKeyRegistry([.. entries]);
    }

    /// <summary>The holder of <paramref name="presented"/>, or null.</summary>
    public Holder? Find(string presented)
    {
        if (presented.Length == 0 || presented.Length > MaximumKeyLength) return null;
        var hash = Hash(presented);
        Holder? match = null;
        // No early exit: every entry is compared whatever matched.
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entry.Hash, hash)) match = entry.Holder;
        }
        return match;
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/>'s UTF-8 bytes, as configured in <c>Sha256</c>.</summary>
    public static string HashHex(string key) => Convert.ToHexString(Hash(key)).ToLower(CultureInfo.InvariantCulture);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The text of a key file without trailing line breaks (an editor's or <c>echo</c>'s newline is not part of the key).</summary>
    internal static string ReadKeyFile(string path, string what)
    {
        var bytes = ReadSecretFile(path, what, MaximumKeyFileBytes);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\n');
    }

    /// <summary>A whole file of at most <paramref name="maximumBytes"/>, or a one-line error naming <paramref name="what"/>.</summary>
    internal static byte[] ReadSecretFile(string path, string what, int maximumBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new SecurityConfigurationException($"{what}: file '{path}' does not exist");
            if (info.Length > maximumBytes) throw new SecurityConfigurationException($"{what}: file '{path}' is larger than {maximumBytes} bytes");
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SecurityConfigurationException($"{what}: cannot read '{path}': {ex.Message}");
        }
    }
}
