using System.Globalization;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Workspace;

/// <summary>Turns the query string of <c>GET /api/findings/search</c> (and the research variant) into a
/// <see cref="FindingSearch"/>, or names the first parameter that is wrong.</summary>
internal static class FindingSearchParameters
{
    public const int DefaultLimit = 50;

    /// <summary>Largest lesion count bound accepted: far above any real count, small enough for any database integer.</summary>
    public const int MaximumLesionCount = 100_000;

    public static readonly string[] Names =
        ["analyzer", "minLesionCount", "maxLesionCount", "level", "newLesionsSince", "modality", "from", "to", "limit", "offset"];

    public static bool TryParse(IQueryCollection query, out FindingSearch result, out ParameterError error)
    {
        result = new FindingSearch();
        if (QueryParameters.TryRejectRepeated(query, Names, out error)) return false;

        var analyzer = QueryParameters.Value(query, "analyzer")?.ToLowerInvariant();
        if (analyzer is not null && (analyzer.Length is 0 or > 64 || !analyzer.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')))
            return Fail(out error, "analyzer", "must be an analyzer name (a-z, 0-9, '-', '_', '.'; at most 64 characters), e.g. bone-scan or spine.");

        int? min = null, max = null;
        if (QueryParameters.Value(query, "minLesionCount") is { } minText)
        {
            if (!TryCount(minText, out var value)) return Fail(out error, "minLesionCount", $"must be a whole number from 0 to {MaximumLesionCount}.");
            min = value;
        }
        if (QueryParameters.Value(query, "maxLesionCount") is { } maxText)
        {
            if (!TryCount(maxText, out var value)) return Fail(out error, "maxLesionCount", $"must be a whole number from 0 to {MaximumLesionCount}.");
            max = value;
        }
        if (min > max) return Fail(out error, "minLesionCount", $"{min} is above maxLesionCount ({max}).");

        var level = QueryParameters.Value(query, "level")?.ToUpperInvariant();
        if (level is not null && !IsLevel(level))
            return Fail(out error, "level", "must be a vertebral level: C1-C7, T1-T13, L1-L6 or S1, e.g. T5.");

        var newOnly = false;
        if (QueryParameters.Value(query, "newLesionsSince") is { } n && !QueryParameters.TryParseBoolean(n, out newOnly))
            return Fail(out error, "newLesionsSince", "must be true or false.");

        var modality = QueryParameters.Value(query, "modality")?.ToUpperInvariant();
        if (modality is not null && (modality.Length is 0 or > 16 || !modality.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')))
            return Fail(out error, "modality", "must be a DICOM modality code (A-Z, 0-9, _; at most 16 characters), e.g. CT, MR, NM.");

        DateOnly? from = null, to = null;
        if (QueryParameters.Value(query, "from") is { } f)
        {
            if (!StudyListParameters.TryParseDate(f, out var d)) return Fail(out error, "from", "must be a date as yyyy-MM-dd or yyyyMMdd.");
            from = d;
        }
        if (QueryParameters.Value(query, "to") is { } t)
        {
            if (!StudyListParameters.TryParseDate(t, out var d)) return Fail(out error, "to", "must be a date as yyyy-MM-dd or yyyyMMdd.");
            to = d;
        }
        if (from > to) return Fail(out error, "from", $"{from:yyyy-MM-dd} is after 'to' ({to:yyyy-MM-dd}).");

        if (!QueryParameters.TryParsePaging(query, DefaultLimit, FindingSearch.MaximumLimit, out var limit, out var offset, out error)) return false;

        result = new FindingSearch(analyzer, min, max, level, newOnly, modality, from, to, limit, offset);
        return true;
    }

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaximumLesionCount;

    /// <summary>The labels the spine analyzer uses, with room for transitional anatomy (T13, L6).</summary>
    private static bool IsLevel(string level)
    {
        if (level.Length is < 2 or > 3) return false;
        if (!int.TryParse(level.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        return level[0] switch
        {
            'C' => n is >= 1 and <= 7,
            'T' => n is >= 1 and <= 13,
            'L' => n is >= 1 and <= 6,
            'S' => n == 1,
            _ => false,
        };
    }

    private static bool Fail(out ParameterError error, string parameter, string message)
    {
        error = new ParameterError(parameter, message);
        return false;
    }
}
