namespace Imaging.Api.Security;

/// <summary>The <c>Auth</c> section: API keys, JWT validation, the local mode's role and the audit queue. Secrets come from
/// files or environment variables (<c>IMAGING_AUTH__APIKEYS__0__SHA256</c>, ...), never from a committed appsettings.json.</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>The accepted API keys.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>JWT bearer validation; off unless a key file is set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>The role of the local user when the service binds loopback only and no credential is configured.</summary>
    public string LocalRole { get; set; } = ImagingRoles.Radiologist;

    /// <summary>The audit writer.</summary>
    public AuditOptions Audit { get; set; } = new();
}
