using System.Globalization;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Imaging.Api;

/// <summary>Turns the query string of <c>GET /api/studies</c> into a <see cref="StudyQuery"/>, or names the first parameter
/// that is wrong. Parsed by hand rather than bound, so that every bad value gets a message of ours naming it.</summary>
internal static class StudyListParameters
{
    public const int DefaultLimit = 100;
    public const int MaximumLimit = 1000;

    /// <summary>Longest Patient ID (LO) and Modality (CS) values DICOM allows.</summary>
    private const int MaximumPatientIdLength = 64;
    private const int MaximumModalityLength = 16;

    private static readonly string[] Names = ["patientId", "modality", "from", "to", "limit", "offset"];

    public static bool TryParse(IQueryCollection query, out StudyQuery result, out (string Parameter, string Message) error)
    {
        result = new StudyQuery();
        error = default;
        foreach (var name in Names)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1) return Fail(ref error, name, "must be given at most once.");
        }

        string? patientId = null, modality = null;
        DateOnly? from = null, to = null;
        int limit = DefaultLimit, offset = 0;

        if (Value(query, "patientId") is { } p)
        {
            if (p.Length == 0 || p.Length > MaximumPatientIdLength || p.Any(c => char.IsControl(c) || c == '\\'))
                return Fail(ref error, "patientId", $"must be 1 to {MaximumPatientIdLength} characters without control characters or '\\'.");
            patientId = p;
        }

        if (Value(query, "modality") is { } m)
        {
            var upper = m.ToUpperInvariant();
            if (upper.Length == 0 || upper.Length > MaximumModalityLength || !upper.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
                return Fail(ref error, "modality", $"must be a DICOM modality code (A-Z, 0-9, _; at most {MaximumModalityLength} characters), e.g. CT, MR, NM.");
            modality = upper;
        }

        if (Value(query, "from") is { } f)
        {
            if (!TryParseDate(f, out var d)) return Fail(ref error, "from", "must be a date as yyyy-MM-dd or yyyyMMdd.");
            from = d;
        }

        if (Value(query, "to") is { } t)
        {
            if (!TryParseDate(t, out var d)) return Fail(ref error, "to", "must be a date as yyyy-MM-dd or yyyyMMdd.");
            to = d;
        }

        if (from > to) return Fail(ref error, "from", $"{from:yyyy-MM-dd} is after 'to' ({to:yyyy-MM-dd}).");

        if (Value(query, "limit") is { } l)
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaximumLimit)
                return Fail(ref error, "limit", $"must be a whole number from 1 to {MaximumLimit}.");
        }

        if (Value(query, "offset") is { } o)
        {
            if (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                return Fail(ref error, "offset", $"must be a whole number from 0 to {int.MaxValue}.");
        }

        result = new StudyQuery(patientId, modality, from, to, limit, offset);
        return true;
    }

    /// <summary>yyyy-MM-dd (ISO 8601, what a browser's date input sends) or yyyyMMdd (DICOM DA).</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The parameter's value, trimmed; null when absent.</summary>
    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues values) && values.Count == 1 ? (values[0] ?? string.Empty).Trim() : null;

    private static bool Fail(ref (string Parameter, string Message) error, string parameter, string message)
    {
        error = (parameter, message);
        return false;
    }
}
