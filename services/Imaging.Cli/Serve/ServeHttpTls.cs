using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Imaging.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;

namespace Imaging.Cli.Serve;

/// <summary>The HTTP endpoints `imaging serve` listens on, checked and loaded before the host is built.</summary>
internal sealed record ServeHttpEndpoints(HttpTlsOptions Tls, HttpLimitsOptions Limits, X509Certificate2? Certificate);

/// <summary>HTTPS (PEM certificate, TLS 1.2/1.3), the optional plain port that only redirects, HSTS, and Kestrel's limits
/// against slow or oversized requests.</summary>
/// <remarks>Our own "Http:Tls" keys instead of Kestrel's "Kestrel:Endpoints" schema: one port setting (HttpPort) stays the
/// API port whatever the scheme, the files are checked at start with one line for the operator, and there is no inline
/// certificate password key to tempt anyone into putting a secret in appsettings.json.</remarks>
internal static class ServeHttpTls
{
    /// <summary>Binds and checks "Http:Tls" and "Http:Limits" and loads the certificate; throws
    /// <see cref="SecurityConfigurationException"/> (one line, exit 2) when they cannot be used.</summary>
    public static ServeHttpEndpoints Load(IConfiguration configuration, ServeOptions serve)
    {
        HttpTlsOptions tls;
        HttpLimitsOptions limits;
        try
        {
            tls = configuration.GetSection(HttpTlsOptions.SectionName).Get<HttpTlsOptions>() ?? new HttpTlsOptions();
            limits = configuration.GetSection(HttpLimitsOptions.SectionName).Get<HttpLimitsOptions>() ?? new HttpLimitsOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new SecurityConfigurationException($"invalid setting: {ex.Message}");
        }
        var problems = tls.Validate(serve).Concat(limits.Validate()).ToList();
        if (problems.Count > 0) throw new SecurityConfigurationException($"invalid setting: {string.Join("; ", problems)}");
        return new ServeHttpEndpoints(tls, limits, tls.Enabled ? LoadCertificate(tls) : null);
    }

    private static X509Certificate2 LoadCertificate(HttpTlsOptions tls)
    {
        try
        {
            var password = tls.PasswordFile is { Length: > 0 } file ? File.ReadLines(file).FirstOrDefault() ?? "" : null;
            using var pem = password is null
                ? X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(tls.CertificatePath!, password, tls.KeyPath);
            if (!pem.HasPrivateKey) throw new CryptographicException("no private key found (set Http:Tls:KeyPath)");
            // SslStream on Linux needs a key OpenSSL can use; a PEM-loaded ephemeral key round-trips through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new SecurityConfigurationException($"cannot load the HTTPS certificate '{tls.CertificatePath}': {ex.Message}");
        }
    }

    /// <summary>Listens on HttpBind:HttpPort (HTTPS when a certificate is configured) and on the redirect port, with the limits.</summary>
    public static void ConfigureImagingKestrel(this IWebHostBuilder web, ServeOptions serve, ServeHttpEndpoints http)
    {
        if (http.Certificate is not null) web.UseKestrelHttpsConfiguration();
        web.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.RequestHeadersTimeout = http.Limits.RequestHeadersTimeout;
            limits.KeepAliveTimeout = http.Limits.KeepAliveTimeout;
            limits.MaxRequestHeadersTotalSize = http.Limits.MaxRequestHeadersTotalSize;
            limits.MaxRequestHeaderCount = http.Limits.MaxRequestHeaderCount;
            limits.MaxRequestBodySize = http.Limits.MaxRequestBodyBytes;
            limits.MaxConcurrentConnections = http.Limits.MaxConcurrentConnections;
            limits.MaxConcurrentUpgradedConnections = http.Limits.MaxConcurrentConnections;
            limits.MinRequestBodyDataRate = new MinDataRate(http.Limits.MinRequestBodyBytesPerSecond, http.Limits.MinRequestBodyGracePeriod);
            var address = IPAddress.Parse(serve.HttpBind);
            kestrel.Listen(address, serve.HttpPort, listen =>
            {
                if (http.Certificate is { } certificate)
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        HandshakeTimeout = http.Limits.RequestHeadersTimeout,
                    });
            });
            if (http.Tls.Enabled && http.Tls.RedirectPort != 0) kestrel.Listen(address, http.Tls.RedirectPort);
        });
    }

    /// <summary>With HTTPS on: plain requests (only the redirect port takes them) get 308 to HTTPS, HTTPS responses carry HSTS.</summary>
    public static void UseImagingHttps(this WebApplication app, ServeOptions serve, ServeHttpEndpoints http)
    {
        if (!http.Tls.Enabled) return;
        var hsts = http.Tls.HstsMaxAge > TimeSpan.Zero ? $"max-age={(long)http.Tls.HstsMaxAge.TotalSeconds}" : null;
        app.Use((context, next) =>
        {
            if (!context.Request.IsHttps)
            {
                // Kestrel has already checked the Host header's characters; without one, the bound address is all we know.
                var host = context.Request.Host.HasValue ? context.Request.Host.Host : serve.HttpBind;
                var target = UriHelper.BuildAbsolute("https", new HostString(host, serve.HttpPort), context.Request.PathBase,
                    context.Request.Path, context.Request.QueryString);
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = target;
                return Task.CompletedTask;
            }
            if (hsts is not null) context.Response.Headers.StrictTransportSecurity = hsts;
            return next(context);
        });
    }
}
