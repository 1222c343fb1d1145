using System.Globalization;

namespace Imaging.Api.DicomWeb;

/// <summary>One media range of an Accept header (RFC 9110 section 12.5.1) with its parameters, e.g.
/// <c>multipart/related; type="application/dicom"; transfer-syntax=*</c>.</summary>
internal sealed record AcceptedMediaType(string MediaType, IReadOnlyDictionary<string, string> Parameters, double Quality)
{
    /// <summary>Longest Accept header read; a longer one is cut (its first ranges still count).</summary>
    private const int MaxHeaderLength = 4096;

    private const int MaxRanges = 32;

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public bool IsAny => MediaType is "*/*";

    /// <summary>The ranges of every Accept header, best quality first (stable for equal quality); q=0 ranges are dropped.
    /// Null when no Accept header was sent; malformed ranges are skipped.</summary>
    public static IReadOnlyList<AcceptedMediaType>? Parse(IEnumerable<string?> headers)
    {
        var ranges = new List<AcceptedMediaType>();
        var any = false;
        foreach (var header in headers)
        {
            if (header is null) continue;
            any = true;
            var text = header.Length > MaxHeaderLength ? header[..MaxHeaderLength] : header;
            foreach (var range in SplitOutsideQuotes(text, ','))
            {
                if (ranges.Count >= MaxRanges) break;
                if (TryParseRange(range, out var parsed) && parsed.Quality > 0) ranges.Add(parsed);
            }
        }
        if (!any) return null;
        return [.. ranges.Select((r, i) => (r, i)).OrderByDescending(x => x.r.Quality).ThenBy(x => x.i).Select(x => x.r)];
    }

    private static bool TryParseRange(string text, out AcceptedMediaType range)
    {
        range = null!;
        var pieces = SplitOutsideQuotes(text, ';');
        if (pieces.Count == 0) return false;
        var mediaType = pieces[0].Trim().ToLowerInvariant();
        if (mediaType.Length == 0 || mediaType.Count(c => c == '/') != 1) return false;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var quality = 1.0;
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) continue;
            var name = piece[..equals].Trim();
            var value = Unquote(piece[(equals + 1)..].Trim());
            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality) || quality > 1) return false;
                continue;
            }
            parameters[name] = value;
        }
        range = new AcceptedMediaType(mediaType, parameters, quality);
        return true;
    }

    /// <summary>Removes the quotes of a quoted-string and its backslash escapes.</summary>
    public static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value;
        var inner = value[1..^1];
        if (!inner.Contains('\\', StringComparison.Ordinal)) return inner;
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length) i++;
            result.Append(inner[i]);
        }
        return result.ToString();
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not inside a quoted-string.</summary>
    public static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && quoted) { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (c == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts.Where(p => p.Trim().Length > 0).ToList();
    }
}
