using System.Globalization;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>Turns the query string of <c>GET /api/audit</c> into an <see cref="AuditQuery"/>, or names the first wrong parameter.</summary>
internal static class AuditListParameters
{
    public const int DefaultLimit = 100;
    private const int MaximumPatientIdLength = 64;
    private const int MaximumUserLength = 256;
    private const int MaximumOffset = 10_000_000;

    private static readonly string[] Names = ["patientId", "user", "from", "to", "limit", "offset"];

    public static bool TryParse(IQueryCollection query, out AuditQuery result, out (string Parameter, string Message) error)
    {
        result = new AuditQuery();
        error = default;
        foreach (var name in Names)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1) return Fail(out error, name, "must be given at most once.");
        }
        string? patientId = null, user = null;
        DateTimeOffset? from = null, to = null;
        int limit = DefaultLimit, offset = 0;

        if (Value(query, "patientId") is { } p)
        {
            if (p.Length == 0 || p.Length > MaximumPatientIdLength || p.Any(char.IsControl))
                return Fail(out error, "patientId", $"must be 1 to {MaximumPatientIdLength} characters without control characters.");
            patientId = p;
        }
        if (Value(query, "user") is { } u)
        {
            if (u.Length == 0 || u.Length > MaximumUserLength || u.Any(char.IsControl))
                return Fail(out error, "user", $"must be 1 to {MaximumUserLength} characters without control characters.");
            user = u;
        }
        if (Value(query, "from") is { } f)
        {
            if (!TryParseInstant(f, out var instant)) return Fail(out error, "from", "must be an ISO 8601 instant (2026-11-28T08:00:00Z) or a UTC date (2026-11-28).");
            from = instant;
        }
        if (Value(query, "to") is { } t)
        {
            if (!TryParseInstant(t, out var instant)) return Fail(out error, "to", "must be an ISO 8601 instant (2026-11-28T08:00:00Z) or a UTC date (2026-11-28).");
            to = instant;
        }
        if (from > to) return Fail(out error, "from", "is after 'to'.");
        if (Value(query, "limit") is { } l &&
            (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditQuery.MaximumLimit))
            return Fail(out error, "limit", $"must be a whole number from 1 to {AuditQuery.MaximumLimit}.");
        if (Value(query, "offset") is { } o &&
            (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > MaximumOffset))
            return Fail(out error, "offset", $"must be a whole number from 0 to {MaximumOffset}.");

        result = new AuditQuery(patientId, user, from, to, limit, offset);
        return true;
    }

    /// <summary>An instant with its offset, or a date taken as UTC midnight; a time without offset is refused (ambiguous).</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out instant) && hasOffset;
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? (values[0] ?? string.Empty).Trim() : null;

    private static bool Fail(out (string Parameter, string Message) error, string parameter, string message)
    {
        error = (parameter, message);
        return false;
    }
}
