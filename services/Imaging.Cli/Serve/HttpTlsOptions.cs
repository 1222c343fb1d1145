namespace Imaging.Cli.Serve;

/// <summary>HTTPS on the API port, bound from the "Http:Tls" section (IMAGING_HTTP__TLS__*): PEM files only, never key
/// material inline.</summary>
internal sealed class HttpTlsOptions
{
    public const string SectionName = "Http:Tls";

    /// <summary>PEM certificate (chain) served on the HTTP port; empty keeps plain HTTP.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of the certificate, when it is not inside <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>File holding the password of an encrypted PEM key (first line); a file, so no secret sits in appsettings.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>A plain HTTP port that only answers 308 to the same path on HTTPS; 0 opens no plain port at all.</summary>
    public int RedirectPort { get; set; }

    /// <summary>Strict-Transport-Security max-age sent on HTTPS responses; zero sends no header.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate(ServeOptions serve)
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(KeyPath)) problems.Add("Http:Tls:KeyPath is set but Http:Tls:CertificatePath is not");
            if (RedirectPort != 0) problems.Add("Http:Tls:RedirectPort needs Http:Tls:CertificatePath (nothing to redirect to)");
            return problems;
        }
        if (!File.Exists(CertificatePath)) problems.Add($"Http:Tls:CertificatePath '{CertificatePath}' does not exist");
        if (KeyPath is { Length: > 0 } key && !File.Exists(key)) problems.Add($"Http:Tls:KeyPath '{key}' does not exist");
        if (PasswordFile is { Length: > 0 } password && !File.Exists(password)) problems.Add($"Http:Tls:PasswordFile '{password}' does not exist");
        if (RedirectPort != 0)
        {
            if (RedirectPort is < 1 or > 65535) problems.Add($"Http:Tls:RedirectPort {RedirectPort} is outside 1-65535");
            if (RedirectPort == serve.HttpPort) problems.Add($"Http:Tls:RedirectPort and HttpPort must differ (both are {RedirectPort})");
            if (RedirectPort == serve.DicomPort) problems.Add($"Http:Tls:RedirectPort and DicomPort must differ (both are {RedirectPort})");
        }
        if (HstsMaxAge < TimeSpan.Zero) problems.Add($"Http:Tls:HstsMaxAge {HstsMaxAge} must not be negative");
        return problems;
    }
}
