using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Imaging.Export.Tests;

/// <summary>Reads an export back (folder or ZIP) as relative path → bytes.</summary>
internal static class ExportTestFiles
{
    public static Dictionary<string, byte[]> Read(string output)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (output.EndsWith(".zip", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(output);
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                files[entry.FullName] = copy.ToArray();
            }
            return files;
        }
        foreach (var path in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(output, path).Replace(Path.DirectorySeparatorChar, '/')] = File.ReadAllBytes(path);
        return files;
    }

    public static JsonElement Manifest(Dictionary<string, byte[]> files) => JsonDocument.Parse(files["manifest.json"]).RootElement.Clone();

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
