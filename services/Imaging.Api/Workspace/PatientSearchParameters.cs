using System.Globalization;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Workspace;

/// <summary>Turns the query string of <c>GET /api/patients</c> into a <see cref="PatientSearch"/>, or names the first
/// parameter that is wrong.</summary>
internal static class PatientSearchParameters
{
    public const int DefaultLimit = 50;

    public static readonly string[] Names = ["q", "patientId", "name", "fuzzy", "birthDate", "limit", "offset"];

    public static bool TryParse(IQueryCollection query, out PatientSearch result, out ParameterError error)
    {
        result = new PatientSearch();
        if (QueryParameters.TryRejectRepeated(query, Names, out error)) return false;
        const int max = PatientSearch.MaximumTextLength;

        var q = QueryParameters.Value(query, "q");
        if (q is { Length: 0 }) q = null;
        if (q is not null)
        {
            if (!QueryParameters.IsPlainText(q, max)) return Fail(out error, "q", $"must be 1 to {max} characters without control characters or '\\'.");
            if (PatientSearch.Words(q).Count > PatientSearch.MaximumWords) return Fail(out error, "q", $"must hold at most {PatientSearch.MaximumWords} words.");
        }

        var patientId = QueryParameters.Value(query, "patientId");
        if (patientId is not null && !QueryParameters.IsPlainText(patientId, max))
            return Fail(out error, "patientId", $"must be 1 to {max} characters without control characters or '\\'.");

        var fuzzy = false;
        if (QueryParameters.Value(query, "fuzzy") is { } f && !QueryParameters.TryParseBoolean(f, out fuzzy))
            return Fail(out error, "fuzzy", "must be true or false.");

        var name = QueryParameters.Value(query, "name");
        if (name is not null)
        {
            if (!QueryParameters.IsPlainText(name, max)) return Fail(out error, "name", $"must be 1 to {max} characters without control characters or '\\'.");
            if (fuzzy && PatientSearch.Words(name).Count > PatientSearch.MaximumWords)
                return Fail(out error, "name", $"must hold at most {PatientSearch.MaximumWords} words.");
        }

        DateOnly? from = null, to = null;
        if (QueryParameters.Value(query, "birthDate") is { } b && !DateRange.TryParse(b, out from, out to))
            return Fail(out error, "birthDate", "must be a date (yyyyMMdd or yyyy-MM-dd) or a range a-b, a- or -b with a not after b.");

        if (!QueryParameters.TryParsePaging(query, DefaultLimit, PatientSearch.MaximumLimit, out var limit, out var offset, out error)) return false;

        result = new PatientSearch(q, patientId, name, fuzzy, Da(from), Da(to), limit, offset);
        return true;
    }

    private static string? Da(DateOnly? date) => date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static bool Fail(out ParameterError error, string parameter, string message)
    {
        error = new ParameterError(parameter, message);
        return false;
    }
}
