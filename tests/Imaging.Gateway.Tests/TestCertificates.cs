using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imaging.Gateway.Tests;

/// <summary>Self-signed certificates made for a test, written as the PEM files DCMTK and the gateway read.</summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public static TestCertificate Create(string folder, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        // A self-signed certificate is its own CA: peers that trust the file verify the chain with it.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder, $"{name}.crt.pem");
        var keyPath = Path.Combine(folder, $"{name}.key.pem");
        File.WriteAllText(certificatePath, new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)));
        File.WriteAllText(keyPath, new string(PemEncoding.Write("PRIVATE KEY", key.ExportPkcs8PrivateKey())));
        return new TestCertificate(certificate, certificatePath, keyPath);
    }

    public void Dispose() => Certificate.Dispose();
}
