using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imaging.Gateway.Tests;

/// <summary>A throwaway certificate authority issuing leaf certificates as PEM files, for chains checked against a CA file.</summary>
internal sealed class TlsTestAuthority : IDisposable
{
    private readonly RSA _key;
    private readonly string _folder;

    private TlsTestAuthority(RSA key, X509Certificate2 certificate, string folder, string certificatePath)
    {
        _key = key;
        Certificate = certificate;
        _folder = folder;
        CertificatePath = certificatePath;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public static TlsTestAuthority Create(string folder, string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(folder, $"{name}.ca.pem");
        File.WriteAllText(path, new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)));
        return new TlsTestAuthority(key, certificate, folder, path);
    }

    /// <summary>A leaf certificate for localhost/127.0.0.1 signed by this authority, usable by clients and servers.</summary>
    public IssuedCertificate Issue(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        var certificatePath = Path.Combine(_folder, $"{name}.crt.pem");
        var keyPath = Path.Combine(_folder, $"{name}.key.pem");
        File.WriteAllText(certificatePath, new string(PemEncoding.Write("CERTIFICATE", issued.RawData)));
        File.WriteAllText(keyPath, new string(PemEncoding.Write("PRIVATE KEY", key.ExportPkcs8PrivateKey())));
        var withKey = issued.CopyWithPrivateKey(key);
        // SslStream on Linux wants a key OpenSSL can use: round-trip through PKCS#12.
        var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        withKey.Dispose();
        return new IssuedCertificate(usable, certificatePath, keyPath);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}

/// <summary>A leaf certificate with its private key, and the PEM files it was written to.</summary>
internal sealed record IssuedCertificate(X509Certificate2 Certificate, string CertificatePath, string KeyPath) : IDisposable
{
    public void Dispose() => Certificate.Dispose();
}
