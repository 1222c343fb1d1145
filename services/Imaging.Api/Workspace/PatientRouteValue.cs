namespace Imaging.Api.Workspace;

/// <summary>The patient ID of <c>/api/patients/{patientId}...</c>. The server decodes every escape of the path but an
/// encoded '/' (%2F stays as is, so it cannot split the path), and patient IDs may hold '/': that one is decoded here.</summary>
/// <remarks>An ID holding the literal text "%2F" (sent as %252F) therefore reads as '/'; no real patient ID does.</remarks>
internal static class PatientRouteValue
{
    public static string Decode(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Patient ID (LO): 1 to 64 characters, no control characters, no backslash.</summary>
    public static bool IsValid(string patientId) => QueryParameters.IsPlainText(patientId, 64);

    public static ParameterError Error => new("patientId", "must be 1 to 64 characters without control characters or '\\' (URL-encoded in the path).");
}
