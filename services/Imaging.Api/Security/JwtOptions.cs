namespace Imaging.Api.Security;

/// <summary>JWT bearer validation (<c>Auth:Jwt</c>): a local key, never a metadata fetch.</summary>
public sealed class JwtOptions
{
    /// <summary>A file holding the HMAC secret, at least 32 bytes: HS256/384/512. A text secret loses its trailing line break; a
    /// binary one (any control byte) is used byte for byte.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>A PEM file with the issuer's RSA (RS*/PS*, at least 2048 bits) or ECDSA (ES*) public key.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>The required <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The required <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim holding the role(s); a JSON array gives several.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim holding the user name.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Tolerance for clocks that differ between issuer and service, on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest accepted <c>exp - iat</c> (or <c>exp - nbf</c>): a long-lived token is a stolen token waiting to happen.</summary>
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Whether anything is configured (a key file).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningKeyFile) || !string.IsNullOrWhiteSpace(PublicKeyFile);
}
