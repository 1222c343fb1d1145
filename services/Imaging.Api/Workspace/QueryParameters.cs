using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Workspace;

/// <summary>The shared pieces of hand-parsed query strings: single values, text limits, paging. Each failure names the
/// parameter, so the problem details say exactly which one to fix.</summary>
internal static class QueryParameters
{
    /// <summary>A parameter given more than once is refused rather than silently taking one of the values.</summary>
    public static bool TryRejectRepeated(IQueryCollection query, IEnumerable<string> names, out ParameterError error)
    {
        foreach (var name in names)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                error = new ParameterError(name, "must be given at most once.");
                return true;
            }
        }
        error = default;
        return false;
    }

    /// <summary>The parameter's value, trimmed; null when absent.</summary>
    public static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? (values[0] ?? string.Empty).Trim() : null;

    /// <summary>Text a database may compare: 1 to <paramref name="maximum"/> characters, no control characters and no
    /// backslash (DICOM's value separator).</summary>
    public static bool IsPlainText(string text, int maximum) =>
        text.Length > 0 && text.Length <= maximum && !text.Any(c => char.IsControl(c) || c == '\\');

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes": value = true; return true;
            case "false" or "0" or "no": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary><c>limit</c> (1 to <paramref name="maximum"/>, default <paramref name="defaultLimit"/>) and <c>offset</c>
    /// (0 or more).</summary>
    public static bool TryParsePaging(IQueryCollection query, int defaultLimit, int maximum, out int limit, out int offset, out ParameterError error)
    {
        limit = defaultLimit;
        offset = 0;
        error = default;
        if (Value(query, "limit") is { } l
            && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 || limit > maximum))
        {
            error = new ParameterError("limit", $"must be a whole number from 1 to {maximum}.");
            return false;
        }
        if (Value(query, "offset") is { } o && !int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            error = new ParameterError("offset", $"must be a whole number from 0 to {int.MaxValue}.");
            return false;
        }
        return true;
    }
}
