using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Imaging.Dicom.Network;

/// <summary>The requestor side of DICOM TLS (PS3.15 B.1, BCP 195): TLS 1.2/1.3, the server verified against the given CA
/// certificates (or the system store), an optional client certificate; for <see cref="DicomClientOptions.ConnectionStream"/>.</summary>
public static class DicomClientTls
{
    /// <param name="targetHost">Name the server certificate must carry (its DNS name or IP address).</param>
    /// <param name="trustedCertificates">CA (or self-signed peer) certificates to trust instead of the system store; empty: the system store.</param>
    /// <param name="clientCertificate">Our certificate with its private key, for peers that require one.</param>
    public static Func<Stream, CancellationToken, ValueTask<Stream>> Create(string targetHost, X509Certificate2Collection? trustedCertificates = null,
        X509Certificate2? clientCertificate = null, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetHost);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        };
        if (trustedCertificates is { Count: > 0 })
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(trustedCertificates);
            options.CertificateChainPolicy = policy;
        }
        return async (network, cancellationToken) =>
        {
            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        };
    }
}
