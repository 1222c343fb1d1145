namespace Imaging.Api.Security;

/// <summary>Authorization policy names: put <c>.RequireAuthorization(ImagingPolicies.X)</c> on a route group.</summary>
public static class ImagingPolicies
{
    /// <summary>Identifying patient data (patients, timeline, comparisons, studies, findings, DICOMweb): radiologist, admin.</summary>
    public const string Clinical = "Clinical";

    /// <summary>De-identified research data (<c>/api/research/*</c>): researcher, radiologist, admin.</summary>
    public const string Research = "Research";

    /// <summary>The audit log and settings: admin.</summary>
    public const string Admin = "Admin";

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Clinical] = [ImagingRoles.Radiologist, ImagingRoles.Admin],
        [Research] = [ImagingRoles.Researcher, ImagingRoles.Radiologist, ImagingRoles.Admin],
        [Admin] = [ImagingRoles.Admin],
    };
}
