using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Imaging.Api.Security;

/// <summary>Turns <see cref="JwtOptions"/> into token validation parameters with a local key and the algorithms that key
/// may sign with (so a token cannot pick a weaker or different algorithm than the key's).</summary>
internal static class JwtValidationSetup
{
    /// <summary>Shortest HMAC secret: 256 bits, as RFC 7518 §3.2 requires for HS256.</summary>
    public const int MinimumHmacKeyBytes = 32;

    private const int MaximumKeyFileBytes = 64 * 1024;

    public static TokenValidationParameters Create(JwtOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile) && !string.IsNullOrWhiteSpace(options.PublicKeyFile))
            throw new SecurityConfigurationException("Auth:Jwt needs one of SigningKeyFile and PublicKeyFile, not both");
        if (string.IsNullOrWhiteSpace(options.Issuer)) throw new SecurityConfigurationException("Auth:Jwt:Issuer must be set when JWT is configured");
        if (string.IsNullOrWhiteSpace(options.Audience)) throw new SecurityConfigurationException("Auth:Jwt:Audience must be set when JWT is configured");
        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.NameClaim))
            throw new SecurityConfigurationException("Auth:Jwt:RoleClaim and NameClaim must not be empty");
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
            throw new SecurityConfigurationException("Auth:Jwt:ClockSkew must be 0 to 10 minutes");
        if (options.MaximumLifetime <= TimeSpan.Zero) throw new SecurityConfigurationException("Auth:Jwt:MaximumLifetime must be positive");

        var (key, algorithms) = string.IsNullOrWhiteSpace(options.SigningKeyFile) ? LoadPublicKey(options.PublicKeyFile!) : LoadHmacKey(options.SigningKeyFile);
        return new TokenValidationParameters
        {
            AuthenticationType = ImagingAuthSchemes.Jwt,
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = algorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = options.ClockSkew,
            RoleClaimType = options.RoleClaim,
            NameClaimType = options.NameClaim,
        };
    }

    private static (SecurityKey, string[]) LoadHmacKey(string path)
    {
        var bytes = ApiKeyRegistry.ReadSecretFile(path, "Auth:Jwt:SigningKeyFile", MaximumKeyFileBytes);
        var length = HmacKeyLength(bytes);
        if (length < MinimumHmacKeyBytes)
            throw new SecurityConfigurationException($"Auth:Jwt:SigningKeyFile must hold at least {MinimumHmacKeyBytes} bytes (it holds {length})");
        return (new SymmetricSecurityKey(bytes[..length]), [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512]);
    }

    /// <summary>How many of the file's bytes are the key. A text secret (no control bytes before its end) loses the line
    /// break an editor or <c>echo</c> adds; a binary secret is taken whole, since its last byte may be 0x0A by chance.</summary>
    internal static int HmacKeyLength(ReadOnlySpan<byte> file)
    {
        var length = file.Length;
        while (length > 0 && file[length - 1] is (byte)'\n' or (byte)'\r') length--;
        foreach (var b in file[..length])
        {
            if (b < 0x20 || b == 0x7F) return file.Length;
        }
        return length;
    }

    private static (SecurityKey, string[]) LoadPublicKey(string path)
    {
        var pem = Encoding.ASCII.GetString(ApiKeyRegistry.ReadSecretFile(path, "Auth:Jwt:PublicKeyFile", MaximumKeyFileBytes));
        // The PEM label says RSA or EC only for some encodings (PUBLIC KEY is either): try both.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048) throw new SecurityConfigurationException($"Auth:Jwt:PublicKeyFile: RSA key of {rsa.KeySize} bits; at least 2048 are needed");
            return (new RsaSecurityKey(rsa),
                [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                 SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512]);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return (new ECDsaSecurityKey(ecdsa), [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512]);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new SecurityConfigurationException($"Auth:Jwt:PublicKeyFile '{path}' holds no RSA or ECDSA public key in PEM");
        }
    }

    /// <summary>Why a token was refused, in words fit for a 401 (no token content, no key material).</summary>
    public static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is not valid",
        SecurityTokenInvalidAudienceException => "the token is not meant for this service (audience)",
        SecurityTokenInvalidIssuerException => "the token's issuer is not accepted",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        _ => "the token is not valid",
    };
}
