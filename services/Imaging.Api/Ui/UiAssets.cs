using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Imaging.Api.Ui;

/// <summary>The web UI's files, embedded in this assembly (Ui/wwwroot/**, logical names <c>ImagingUi/...</c>) and read
/// once: the app ships inside the API with no folder to deploy beside it and no file system path a request could steer.</summary>
internal static class UiAssets
{
    private const string Prefix = "ImagingUi/";

    /// <summary>Only these extensions are served; anything else embedded by mistake stays private.</summary>
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, UiAsset>> All = new(Load);

    /// <summary>Every servable file by its path under <c>/ui/</c> (case-sensitive, as URLs are).</summary>
    public static FrozenDictionary<string, UiAsset> Files => All.Value;

    public static UiAsset? Find(string path) => Files.TryGetValue(path, out var asset) ? asset : null;

    private static FrozenDictionary<string, UiAsset> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var files = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            // MSBuild's RecursiveDir uses the build machine's separator.
            var path = name[Prefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType)) continue;
            var content = Read(assembly, name);
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
            files[path] = new UiAsset(path, content, contentType, etag);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded UI resource {name} cannot be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
