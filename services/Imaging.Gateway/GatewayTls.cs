using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Imaging.Gateway;

/// <summary>The TLS side of the DICOM TLS listener: loads the server certificate and wraps accepted connections.</summary>
/// <remarks>TLS 1.2 and 1.3 only (BCP 195); cipher suites are the platform's (OpenSSL's) defaults, which already
/// exclude what BCP 195 forbids. Client certificates are accepted when their thumbprint is listed, or when they chain
/// to the configured CA file (or the system store when none is configured).</remarks>
internal sealed class GatewayTls : IDisposable
{
    private readonly TlsOptions _options;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _clientCas = [];
    private readonly HashSet<string> _thumbprints;

    private readonly Func<EndPoint?, bool> _allowsHost;

    /// <param name="allowsHost">The host allow-list: a peer outside it is closed before the handshake.</param>
    public GatewayTls(TlsOptions options, Func<EndPoint?, bool>? allowsHost = null)
    {
        _options = options;
        _allowsHost = allowsHost ?? (_ => true);
        _certificate = LoadCertificate(options);
        if (options.ClientCaCertificatePath is { Length: > 0 } ca) _clientCas.ImportFromPemFile(ca);
        _thumbprints = options.AllowedClientThumbprints
            .Select(t => t.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }

    public static X509Certificate2 LoadCertificate(TlsOptions options)
    {
        var path = options.CertificatePath;
        var password = options.PasswordFile is { Length: > 0 } file ? File.ReadLines(file).FirstOrDefault() ?? "" : options.Password;
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, options.KeyPath);
        // SslStream on Linux needs a key it can export to OpenSSL; a PEM-loaded ephemeral key round-trips through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask<Stream> AuthenticateAsync(Stream network, EndPoint? remote, CancellationToken cancellationToken)
    {
        if (!_allowsHost(remote)) throw new AuthenticationException($"host {remote} is not in Gateway:AllowedHosts");
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = _options.RequireClientCertificate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = ValidateClient,
            }, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return !_options.RequireClientCertificate;
        using var client = new X509Certificate2(certificate);
        if (_thumbprints.Contains(client.Thumbprint) || _thumbprints.Contains(client.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)))
            return true;
        if (_clientCas.Count == 0) return (errors & ~SslPolicyErrors.RemoteCertificateNotAvailable) == SslPolicyErrors.None;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_clientCas);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(client);
    }

    public void Dispose() => _certificate.Dispose();
}
