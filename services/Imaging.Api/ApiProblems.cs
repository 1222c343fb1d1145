using Microsoft.AspNetCore.Http;

namespace Imaging.Api;

/// <summary>RFC 7807 problem details for the API's errors, each naming what was wrong.</summary>
internal static class ApiProblems
{
    /// <summary>400: one query or route parameter is invalid. The parameter is named in <c>errors</c> (as ASP.NET Core's
    /// validation problems do) and in <c>detail</c>.</summary>
    public static IResult InvalidParameter(string parameter, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [parameter] = [message] },
            detail: $"Parameter '{parameter}': {message}",
            title: "Invalid parameter",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    /// <summary>404: a study or series that is not indexed.</summary>
    public static IResult NotFound(string what, string uid) =>
        TypedResults.Problem(
            detail: $"No {what} with UID {uid} is indexed.",
            statusCode: StatusCodes.Status404NotFound,
            title: $"{char.ToUpperInvariant(what[0])}{what[1..]} not found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>503: the index database cannot be reached right now (down, restarting); the request may be retried.</summary>
    public static IResult DatabaseUnavailable() =>
        TypedResults.Problem(
            detail: "The index database cannot be reached right now; retry shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Database unavailable",
            type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
}
