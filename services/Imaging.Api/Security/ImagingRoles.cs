namespace Imaging.Api.Security;

/// <summary>The roles a user of the API can hold (the value of the role claim or of an API key's <c>Role</c>).</summary>
public static class ImagingRoles
{
    /// <summary>Reads identifying patient data: patients, timelines, comparisons, studies, findings, DICOMweb.</summary>
    public const string Radiologist = "radiologist";

    /// <summary>Reads only de-identified data (<c>/api/research/*</c>); never identifying routes.</summary>
    public const string Researcher = "researcher";

    /// <summary>Everything a radiologist may, plus the audit log and settings.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [Radiologist, Researcher, Admin];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(string? role) => role is Radiologist or Researcher or Admin;
}
