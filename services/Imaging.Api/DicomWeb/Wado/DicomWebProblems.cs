using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb;

/// <summary>RFC 7807 problem details for DICOMweb's own error statuses (the shared ones are in <see cref="ApiProblems"/>).</summary>
internal static class DicomWebProblems
{
    public static IResult NotAcceptable(string detail) =>
        Problem(StatusCodes.Status406NotAcceptable, "Not acceptable", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.7");

    public static IResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.16");

    public static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Content too large", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    public static IResult BadRequest(string title, string detail) =>
        Problem(StatusCodes.Status400BadRequest, title, detail, "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static IResult NotFound(string title, string detail) =>
        Problem(StatusCodes.Status404NotFound, title, detail, "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static IResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, "https://tools.ietf.org/html/rfc9110#section-15.6.4");

    public static IResult Unprocessable(string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "Cannot process the instance", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.21");

    private static IResult Problem(int status, string title, string detail, string type) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
}
