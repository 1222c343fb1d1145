using System.Security.Claims;
using System.Security.Cryptography;
using Imaging.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Imaging.Api.Tests.Security;

/// <summary>API keys, signing keys and JWTs made at test time (nothing secret is checked in).</summary>
public static class TestCredentials
{
    public const string Issuer = "https://idp.test";
    public const string Audience = "imaging-api";

    /// <summary>A random API key, as an operator would generate one.</summary>
    public static string NewApiKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sha256(string key) => ApiKeyRegistry.HashHex(key);

    /// <summary>48 random bytes led by a 0x00, so the key file is binary and used whole whatever its last byte (a text
    /// secret would lose a trailing line break: a random last byte of 0x0A made 1 run in 128 fail).</summary>
    public static byte[] NewHmacSecret()
    {
        var secret = RandomNumberGenerator.GetBytes(48);
        secret[0] = 0;
        return secret;
    }

    /// <summary>A JWT signed with <paramref name="key"/>; by default valid for ten minutes from now.</summary>
    public static string Token(SecurityKey key, string algorithm, string subject = "dr.who", object? roles = null, string issuer = Issuer,
        string audience = Audience, DateTime? notBefore = null, DateTime? expires = null, string roleClaim = "role", DateTime? issuedAt = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (roles is not null) claims[roleClaim] = roles;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt ?? notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static string HmacToken(byte[] secret, string role = ImagingRoles.Radiologist, string subject = "dr.who") =>
        Token(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256, subject, role);

    /// <summary>An unsigned token (<c>alg: none</c>), which must never be accepted.</summary>
    public static string UnsignedToken(string role = ImagingRoles.Admin) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
        });
}
