using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Export;

/// <summary>The research exports' RFC 7807 problems beside <see cref="ApiProblems"/>.</summary>
internal static class ExportProblems
{
    public static IResult Invalid(string field, string message) => ApiProblems.InvalidParameter(field, message);

    /// <summary>404: no such job, or one the caller may not see (the two are not told apart).</summary>
    public static IResult JobNotFound(string id) =>
        TypedResults.Problem(
            detail: $"No export job '{id}' is visible to you.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Export job not found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>403: a researcher named patients; only roles that may see identities can.</summary>
    public static IResult PatientListForbidden() =>
        TypedResults.Problem(
            detail: "Selecting patients by ID needs a role allowed to see identities (radiologist or admin); researchers select by criteria "
                + "(modalities, dates, lesion count, flagged levels).",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    /// <summary>409: the job's output is not there to download (not finished, failed, or removed).</summary>
    public static IResult NotDownloadable(string id, string state) =>
        TypedResults.Problem(
            detail: $"Export job '{id}' is {state}; its output can be downloaded once it has succeeded.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Export not ready",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.10");

    /// <summary>409: the job runs on another API node, which alone can stop it.</summary>
    public static IResult RunningElsewhere(string id, string node) =>
        TypedResults.Problem(
            detail: $"Export job '{id}' is running on API node '{node}'; cancel it through that node.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Export running elsewhere",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.10");

    /// <summary>413: the body is larger than the cap.</summary>
    public static IResult BodyTooLarge(long maximum) =>
        TypedResults.Problem(
            detail: $"The request body must be at most {maximum} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    /// <summary>415: the body is not JSON.</summary>
    public static IResult NotJson() =>
        TypedResults.Problem(
            detail: "The request body must be JSON (Content-Type: application/json).",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.16");

    /// <summary>503: too many jobs wait already on this node.</summary>
    public static IResult QueueFull(int maximum) =>
        TypedResults.Problem(
            detail: $"{maximum} export jobs are already waiting on this node; retry once some have finished.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Export queue full",
            type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
}
