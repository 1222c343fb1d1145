using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>RFC 7807 problem details of QIDO-RS errors, in the style of <see cref="ApiProblems"/>.</summary>
internal static class QidoProblems
{
    /// <summary>400: one or more query parameters are wrong; each is named in <c>errors</c> and in <c>detail</c>.</summary>
    public static IResult InvalidQuery(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Invalid QIDO-RS query parameter(s): " + string.Join("; ", errors.Select(e => $"'{e.Key}' {string.Join(" ", e.Value)}")),
            title: "Invalid parameter",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    /// <summary>406: the client accepts none of the media types we produce.</summary>
    public static IResult NotAcceptable() =>
        TypedResults.Problem(
            detail: "QIDO-RS results are available as application/dicom+json (or application/json) only; " +
                    "multipart/related; type=\"application/dicom+xml\" is not supported.",
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "Not acceptable",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.7");
}
