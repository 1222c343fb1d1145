using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Imaging.Api.Security;
using Microsoft.IdentityModel.Tokens;

namespace Imaging.Api.Tests.Security;

/// <summary>JWT bearer tokens checked against a local HMAC secret or public key: issuer, audience, lifetime, signature, roles.</summary>
public sealed class JwtAuthenticationTests : IDisposable
{
    private readonly KeyFolder _folder = new();
    private readonly byte[] _secret = TestCredentials.NewHmacSecret();

    public void Dispose() => _folder.Dispose();

    private Task<SecurityHost> StartAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = SecurityHost.Settings(_folder.Path, out _, _secret);
        change?.Invoke(settings);
        return SecurityHost.StartAsync(settings);
    }

    private SymmetricSecurityKey Key => new(_secret);

    [Fact]
    public async Task A_valid_token_is_accepted_and_its_subject_is_the_user()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("/auth/me", bearer: TestCredentials.HmacToken(_secret, ImagingRoles.Radiologist, "dr.house"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("dr.house", me.RootElement.GetProperty("name").GetString());
        Assert.Equal(ImagingAuthSchemes.Jwt, me.RootElement.GetProperty("authMethod").GetString());
        Assert.True(me.RootElement.GetProperty("clinical").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: TestCredentials.HmacToken(_secret))).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401_saying_so()
    {
        await using var host = await StartAsync();
        var now = DateTime.UtcNow;
        var token = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Radiologist,
            notBefore: now.AddHours(-2), expires: now.AddMinutes(-5));

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: token), HttpStatusCode.Unauthorized, "expired");
    }

    [Fact]
    public async Task A_token_within_the_clock_skew_is_still_accepted()
    {
        await using var host = await StartAsync(s => s["Auth:Jwt:ClockSkew"] = "00:02:00");
        var now = DateTime.UtcNow;
        var token = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Radiologist,
            notBefore: now.AddHours(-1), expires: now.AddSeconds(-30));

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: token)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        await using var host = await StartAsync();
        var token = TestCredentials.HmacToken(TestCredentials.NewHmacSecret());

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: token), HttpStatusCode.Unauthorized, "signature");
    }

    [Fact]
    public async Task A_token_for_another_audience_or_issuer_is_401()
    {
        await using var host = await StartAsync();

        var audience = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Radiologist, audience: "billing");
        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: audience), HttpStatusCode.Unauthorized, "audience");
        var issuer = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Radiologist, issuer: "https://evil.test");
        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: issuer), HttpStatusCode.Unauthorized, "issuer");
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        await using var host = await StartAsync();

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: TestCredentials.UnsignedToken()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_living_longer_than_the_maximum_lifetime_is_401()
    {
        await using var host = await StartAsync(s => s["Auth:Jwt:MaximumLifetime"] = "01:00:00");
        var now = DateTime.UtcNow;
        var token = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Radiologist,
            notBefore: now.AddMinutes(-1), expires: now.AddDays(30));

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: token), HttpStatusCode.Unauthorized, "lifetime");
    }

    [Fact]
    public async Task Roles_come_from_the_configured_claim_and_a_json_array_gives_several()
    {
        await using var host = await StartAsync(s => s["Auth:Jwt:RoleClaim"] = "roles");

        var several = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: new[] { ImagingRoles.Researcher, ImagingRoles.Admin }, roleClaim: "roles");
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/audit", bearer: several)).StatusCode);
        var researcher = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Researcher, roleClaim: "roles");
        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: researcher), HttpStatusCode.Forbidden, "Researchers never see identifying");
        var wrongClaim = TestCredentials.Token(Key, SecurityAlgorithms.HmacSha256, roles: ImagingRoles.Admin, roleClaim: "role");
        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: wrongClaim), HttpStatusCode.Forbidden, "(none)");
    }

    [Fact]
    public async Task An_rsa_or_ecdsa_public_key_file_validates_tokens_of_its_private_key()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        foreach (var (pem, key, algorithm) in new (string, SecurityKey, string)[]
        {
            (rsa.ExportSubjectPublicKeyInfoPem(), new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
            (ecdsa.ExportSubjectPublicKeyInfoPem(), new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256),
        })
        {
            var file = _folder.File($"{algorithm}.pem");
            await File.WriteAllTextAsync(file, pem);
            await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>
            {
                ["Auth:Jwt:PublicKeyFile"] = file, ["Auth:Jwt:Issuer"] = TestCredentials.Issuer, ["Auth:Jwt:Audience"] = TestCredentials.Audience,
            });

            var token = TestCredentials.Token(key, algorithm, roles: ImagingRoles.Radiologist);
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: token)).StatusCode);
            // The same key's holder cannot switch to HMAC with the public key as the secret (algorithm confusion).
            var confused = TestCredentials.Token(new SymmetricSecurityKey(System.Text.Encoding.ASCII.GetBytes(pem)), SecurityAlgorithms.HmacSha256,
                roles: ImagingRoles.Admin);
            await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", bearer: confused), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task With_jwt_configured_an_api_key_still_works_beside_it()
    {
        var settings = SecurityHost.Settings(_folder.Path, out var keys, _secret);
        await using var host = await SecurityHost.StartAsync(settings);

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: keys[ImagingRoles.Admin])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: TestCredentials.HmacToken(_secret))).StatusCode);
    }

    [Fact]
    public void A_binary_hmac_secret_ending_in_a_line_feed_is_used_whole()
    {
        byte[] secret = [.. RandomNumberGenerator.GetBytes(40), 0x01, (byte)'\r', (byte)'\n'];
        Assert.Equal(secret.Length, JwtValidationSetup.HmacKeyLength(secret));
    }

    [Fact]
    public void A_text_hmac_secret_loses_only_its_trailing_line_break()
    {
        var text = System.Text.Encoding.ASCII.GetBytes("correct-horse-battery-staple-0123456789abcdef");
        Assert.Equal(text.Length, JwtValidationSetup.HmacKeyLength([.. text, (byte)'\n']));
        Assert.Equal(text.Length, JwtValidationSetup.HmacKeyLength([.. text, (byte)'\r', (byte)'\n']));
        Assert.Equal(text.Length, JwtValidationSetup.HmacKeyLength(text));
    }

    [Fact]
    public async Task A_text_secret_file_written_by_echo_validates_tokens_signed_with_the_text()
    {
        var text = "s3cret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var settings = SecurityHost.Settings(_folder.Path, out _, _secret);
        var file = _folder.File("text.key");
        await File.WriteAllTextAsync(file, text + "\n");
        settings["Auth:Jwt:SigningKeyFile"] = file;
        await using var host = await SecurityHost.StartAsync(settings);

        var token = TestCredentials.HmacToken(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: token)).StatusCode);
    }

    [Theory]
    [InlineData(16, "at least 32 bytes")]
    public void A_short_hmac_secret_stops_the_start(int length, string message)
    {
        var file = _folder.File("short.key");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(length));
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Jwt:SigningKeyFile"] = file, ["Auth:Jwt:Issuer"] = TestCredentials.Issuer, ["Auth:Jwt:Audience"] = TestCredentials.Audience,
        };

        Assert.Contains(message, Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(settings, false)).Message, StringComparison.Ordinal);
        settings.Remove("Auth:Jwt:Audience");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(64));
        Assert.Contains("Audience", Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(settings, false)).Message, StringComparison.Ordinal);
    }
}
