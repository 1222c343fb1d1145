using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Workspace;

/// <summary>The workspace's RFC 7807 problems beside <see cref="ApiProblems"/>: things looked up by patient ID.</summary>
internal static class WorkspaceProblems
{
    public static IResult Invalid(ParameterError error) => ApiProblems.InvalidParameter(error.Parameter, error.Message);

    /// <summary>404: no study of this patient is indexed.</summary>
    public static IResult PatientNotFound(string patientId) =>
        TypedResults.Problem(
            detail: $"No patient with ID '{patientId}' is indexed.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Patient not found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>404: the study named by <paramref name="parameter"/> is not one of the patient's.</summary>
    public static IResult StudyNotFound(string parameter, string uid, string patientId) =>
        TypedResults.Problem(
            detail: $"Parameter '{parameter}': no study with UID {uid} is indexed for patient '{patientId}'.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Study not found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>404: the patient has no two studies with findings of one analyzer to compare.</summary>
    public static IResult NothingToCompare(string patientId, string detail) =>
        TypedResults.Problem(
            detail: $"Patient '{patientId}': {detail}",
            statusCode: StatusCodes.Status404NotFound,
            title: "No comparison",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
}
