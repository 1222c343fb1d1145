using System.Globalization;

namespace Imaging.Api.DicomWeb;

/// <summary>The <c>{frames}</c> path segment: a comma-separated list of 1-based frame numbers (PS3.18 section 10.4.1.1.4).</summary>
internal static class FrameList
{
    /// <summary>Parses "1,2,3"; false with a reason for anything else (empty items, signs, zero, too many numbers).</summary>
    public static bool TryParse(string? text, int maxFrames, out int[] frames, out string error)
    {
        frames = [];
        error = "";
        if (string.IsNullOrEmpty(text) || text.Length > maxFrames * 11)
        {
            error = $"must be a comma-separated list of 1 to {maxFrames} frame numbers";
            return false;
        }
        var items = text.Split(',');
        if (items.Length > maxFrames)
        {
            error = $"names {items.Length} frames; at most {maxFrames} per request";
            return false;
        }
        var result = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Length == 0 || !items[i].All(char.IsAsciiDigit)
                || !int.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] < 1)
            {
                error = $"'{items[i]}' is not a frame number (1-based, digits only)";
                return false;
            }
        }
        frames = result;
        return true;
    }
}
