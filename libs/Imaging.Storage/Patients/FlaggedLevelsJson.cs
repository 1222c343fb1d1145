using System.Text.Json;

namespace Imaging.Storage;

/// <summary>Reads the flagged-levels JSON array the database extracted; anything but an array of strings gives none.</summary>
internal static class FlaggedLevelsJson
{
    /// <summary>Cap on levels kept: a spine has 25 or so; a corrupt document must not blow up a page.</summary>
    private const int MaximumLevels = 64;

    public static IReadOnlyList<string>? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return null;
            var levels = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && levels.Count < MaximumLevels) levels.Add(item.GetString()!);
            }
            return levels;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
