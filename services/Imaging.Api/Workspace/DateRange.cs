namespace Imaging.Api.Workspace;

/// <summary>DICOM-style date matching on a query parameter: one date (yyyyMMdd or yyyy-MM-dd) or a range
/// <c>a-b</c>, <c>a-</c> or <c>-b</c> (PS3.4 C.2.2.2.5), inclusive.</summary>
internal static class DateRange
{
    public static bool TryParse(string text, out DateOnly? from, out DateOnly? to)
    {
        from = to = null;
        if (text.Length is 0 or > 21) return false;
        if (StudyListParameters.TryParseDate(text, out var single))
        {
            from = to = single;
            return true;
        }
        // yyyy-MM-dd holds hyphens itself: try every hyphen as the range separator and keep the one that parses.
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '-') continue;
            var left = text[..i];
            var right = text[(i + 1)..];
            if (left.Length == 0 && right.Length == 0) return false;
            DateOnly a = default, b = default;
            if ((left.Length == 0 || StudyListParameters.TryParseDate(left, out a)) && (right.Length == 0 || StudyListParameters.TryParseDate(right, out b)))
            {
                from = left.Length == 0 ? null : a;
                to = right.Length == 0 ? null : b;
                return from is null || to is null || from <= to;
            }
        }
        return false;
    }
}
