using System.Globalization;
using System.Text.RegularExpressions;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;
using Imaging.Storage.DicomWeb;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>Turns a QIDO-RS query string (PS3.18 8.3.4) into a <see cref="QidoRequest"/>, or names every parameter that is
/// wrong. Matching follows PS3.4 C.2.2.2: single value, list (UIDs and code strings, separated by ',' or '\'),
/// wildcard (<c>*</c>, <c>?</c>), DA/TM range (<c>a-b</c>, <c>-b</c>, <c>a-</c>), universal (empty value: return only),
/// and, with <c>fuzzymatching=true</c>, word-prefix matching of person names.</summary>
internal static partial class QidoQueryParser
{
    /// <summary>Most distinct matching keys and includefield entries in one request.</summary>
    private const int MaximumKeys = 64;

    public static bool TryParse(IQueryCollection query, QidoLevel level, bool withinStudy, bool withinSeries, QidoOptions options,
        IReadOnlyList<QidoCondition> pathConditions, out QidoRequest request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        request = null!;
        var conditions = new List<QidoCondition>(pathConditions);
        var returned = new HashSet<QidoReturnAttribute>(QidoAttributes.Defaults(level, withinStudy, withinSeries).Select(t => QidoAttributes.Find(t)!));
        int limit = options.DefaultLimit, offset = 0;
        var fuzzy = false;

        if (query.Count > MaximumKeys)
        {
            errors["query"] = [$"has more than {MaximumKeys} parameters."];
            return false;
        }
        foreach (var (rawKey, values) in query)
        {
            if (rawKey == "includefield") continue;
            // Keys are echoed in the problem details: bound what a caller can make us repeat.
            var key = Shorten(rawKey);
            if (values.Count != 1)
            {
                errors[key] = ["must be given at most once."];
                continue;
            }
            var value = values[0] ?? "";
            var universal = value.Length == 0 || value == "*";
            switch (key)
            {
                case "limit":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                        errors[key] = ["must be a positive integer."];
                    limit = Math.Min(limit, options.MaximumLimit);
                    continue;
                case "offset":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > options.MaximumOffset)
                        errors[key] = [$"must be an integer from 0 to {options.MaximumOffset}."];
                    continue;
                case "fuzzymatching":
                    if (value is not ("true" or "false")) errors[key] = ["must be true or false."];
                    fuzzy = value == "true";
                    continue;
            }
            var attribute = QidoAttributes.Find(rawKey);
            if (attribute is null)
            {
                errors[key] = [Unknown(rawKey)];
                continue;
            }
            if (!attribute.AvailableAt(level) || (attribute.Match is null && attribute.Keyword != "ReferringPhysicianName" && !universal))
            {
                errors[key] = [attribute.AvailableAt(level)
                    ? $"{attribute.Keyword} is a return key only: give it without a value."
                    : $"{attribute.Keyword} is not a matching key at the {LevelName(level)} level."];
                continue;
            }
            returned.Add(attribute);
            if (universal) continue;
            if (attribute.Match is not { } column)
            {
                errors[key] = [$"{attribute.Keyword} is not indexed: only universal matching (an empty value) is supported."];
                continue;
            }
            if (ParseCondition(attribute, column, value) is { } condition) conditions.Add(condition);
            else errors[key] = [ValueRule(attribute)];
        }
        if (errors.Count > 0) return false;

        // Fuzzy matching is a request-wide switch that applies to every person name matched without wildcards.
        if (fuzzy)
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (conditions[i] is { Attribute: QidoAttribute.PatientName, Kind: QidoMatchKind.Single } name)
                {
                    var words = name.Values[0].Split([' ', '^', '='], StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length > 0) conditions[i] = name with { Kind = QidoMatchKind.Fuzzy, Values = words };
                }
            }
        }

        var included = 0;
        foreach (var entry in query["includefield"])
        {
            foreach (var part in (entry ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (++included > MaximumKeys)
                {
                    errors["includefield"] = [$"names more than {MaximumKeys} attributes."];
                    return false;
                }
                if (part == "all")
                {
                    foreach (var a in QidoAttributes.All.Where(a => a.AvailableAt(level))) returned.Add(a);
                }
                else if (QidoAttributes.Find(part) is { } attribute)
                {
                    if (attribute.AvailableAt(level)) returned.Add(attribute);
                }
                // Attributes the standard defines but the index does not hold are left out, as PS3.18 lets an origin
                // server do; a name that is no attribute at all is the caller's mistake.
                else if (!IsDictionaryAttribute(part))
                {
                    errors["includefield"] = [$"'{Shorten(part)}' is neither a DICOM keyword nor a tag (8 hex digits), nor 'all'."];
                    return false;
                }
            }
        }

        request = new QidoRequest(new QidoQuery(level, conditions, limit, offset), [.. returned.OrderBy(a => a.Tag, StringComparer.Ordinal)]);
        return true;
    }

    private static QidoCondition? ParseCondition(QidoReturnAttribute attribute, QidoAttribute column, string value)
    {
        if (value.Length > QidoQuery.MaximumValueLength || value.Any(char.IsControl)) return null;
        switch (attribute.VR)
        {
            case "UI":
            {
                var uids = value.Split(',', '\\');
                if (uids.Length > QidoQuery.MaximumValues || !uids.All(DicomUidValidator.IsValid)) return null;
                return uids.Length == 1 ? new(column, QidoMatchKind.Single, uids) : new(column, QidoMatchKind.List, uids);
            }
            case "DA" or "TM":
            {
                var valid = attribute.VR == "DA" ? (Func<string, bool>)IsDate : IsTime;
                var dash = value.IndexOf('-', StringComparison.Ordinal);
                if (dash < 0) return valid(value) ? new(column, QidoMatchKind.Single, [value]) : null;
                var (low, high) = (value[..dash], value[(dash + 1)..]);
                if ((low.Length == 0 && high.Length == 0) || (low.Length > 0 && !valid(low)) || (high.Length > 0 && !valid(high))) return null;
                if (low.Length > 0 && high.Length > 0 && string.CompareOrdinal(low, high) > 0) return null;
                return new(column, QidoMatchKind.Range, [low, high]);
            }
            case "IS":
            {
                var numbers = value.Split(',', '\\');
                if (numbers.Length > QidoQuery.MaximumValues
                    || !numbers.All(n => n.Length <= 12 && int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))) return null;
                return numbers.Length == 1 ? new(column, QidoMatchKind.Single, numbers) : new(column, QidoMatchKind.List, numbers);
            }
            case "CS":
            {
                var codes = value.Split(',', '\\');
                if (codes.Length > QidoQuery.MaximumValues || codes.Any(c => c.Length == 0)) return null;
                if (codes.Length > 1) return codes.Any(HasWildcard) ? null : new(column, QidoMatchKind.List, codes);
                return new(column, HasWildcard(value) ? QidoMatchKind.Wildcard : QidoMatchKind.Single, [value]);
            }
            default:
                // Text (PN, LO, SH): a backslash would be a second value, which single-valued keys cannot have.
                if (value.Contains('\\', StringComparison.Ordinal)) return null;
                return new(column, HasWildcard(value) ? QidoMatchKind.Wildcard : QidoMatchKind.Single, [value]);
        }
    }

    private static bool HasWildcard(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool IsDate(string value) =>
        value.Length == 8 && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTime(string value) => TimePattern().IsMatch(value);

    [GeneratedRegex(@"^([01][0-9]|2[0-3])([0-5][0-9]([0-5][0-9](\.[0-9]{1,6})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    private static string ValueRule(QidoReturnAttribute attribute) => attribute.VR switch
    {
        "UI" => "must be a UID or a list of UIDs separated by ',' or '\\' (digits and dots, at most 64 characters each).",
        "DA" => "must be a date YYYYMMDD or a range YYYYMMDD-YYYYMMDD (either end may be left open, low <= high).",
        "TM" => "must be a time HHMMSS[.F] (or a prefix HH, HHMM) or a range of such times.",
        "IS" => "must be an integer or a list of integers separated by ','.",
        _ => $"must be one value of at most {QidoQuery.MaximumValueLength} characters without control characters or '\\'; '*' and '?' are wildcards.",
    };

    private static string Unknown(string key)
    {
        if (key.Contains('.', StringComparison.Ordinal))
            return "sequence attribute paths are not supported as matching keys.";
        return IsDictionaryAttribute(key)
            ? "is a DICOM attribute the index does not hold: it cannot be matched."
            : "is not a supported query parameter (limit, offset, fuzzymatching, includefield) or a DICOM keyword or tag.";
    }

    private static bool IsDictionaryAttribute(string key) =>
        DicomDictionary.FindByKeyword(key) is not null || (key.Length == 8 && DicomTag.TryParse(key, out var tag) && DicomDictionary.Find(tag) is not null);

    private static string LevelName(QidoLevel level) => level switch
    {
        QidoLevel.Study => "study",
        QidoLevel.Series => "series",
        _ => "instance",
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
