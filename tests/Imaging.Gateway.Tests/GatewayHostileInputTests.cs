using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Gateway.Tests;

/// <summary>Hostile peers on the DICOM ports (security, issue 10): UIDs that try to climb out of the data folder, a
/// deflated data set that inflates past the cap, and connections that never finish their handshake (ARTIM).</summary>
public sealed class GatewayHostileInputTests
{
    private static DicomClient Client(int port) => new(new DicomClientOptions
    {
        Host = "127.0.0.1",
        Port = port,
        CalledAETitle = GatewayFixture.AeTitle,
        CallingAETitle = "MODALITY",
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AssociationTimeout = TimeSpan.FromSeconds(20),
        DimseTimeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>Nothing under the data folder but what a clean gateway keeps, and nothing beside it named <paramref name="escapeName"/>.</summary>
    private static void AssertNothingEscaped(GatewayFixture gateway, string escapeName)
    {
        Assert.Empty(gateway.StoredFiles());
        var parent = Path.GetDirectoryName(Path.GetFullPath(gateway.DataDirectory))!;
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent, $"{escapeName}*", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.EnumerateFileSystemEntries(gateway.DataDirectory, $"{escapeName}*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../escaped-sop")]
    [InlineData("1.2.3/../../escaped-sop")]
    [InlineData("/tmp/escaped-sop")]
    public async Task A_cstore_whose_sop_instance_uid_is_a_path_is_refused_and_nothing_is_written(string sopInstanceUid)
    {
        using var temp = new TempFolder();
        await using var gateway = await GatewayFixture.StartAsync();
        var file = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"));
        file.Dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sopInstanceUid);
        file.FileMetaInformation.SetString(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        var path = Path.Combine(temp.Path, "hostile.dcm");
        DicomFileWriter.Write(path, file);

        var result = Assert.Single(await Client(gateway.Port).StoreAsync([path]));

        Assert.False(result.IsSuccess, $"status {result.Status}");
        AssertNothingEscaped(gateway, "escaped-sop");
        Assert.Equal(0, await Client(gateway.Port).EchoAsync());
    }

    [Fact]
    public async Task A_deflated_cstore_that_inflates_past_the_cap_is_refused_and_the_gateway_keeps_serving()
    {
        using var temp = new TempFolder();
        await using var gateway = await GatewayFixture.StartAsync();
        var path = Path.Combine(temp.Path, "bomb.dcm");
        await File.WriteAllBytesAsync(path, HostileDicomFiles.DeflateBomb("1.2.826.0.1.3680043.10.999.7", "1.2.826.0.1.3680043.10.999.8", 600L * 1024 * 1024));
        var before = GC.GetTotalMemory(forceFullCollection: false);

        // A failure status or an aborted association: either way the instance is refused and nothing is kept.
        var result = Assert.Single(await Client(gateway.Port).StoreAsync([path]));

        Assert.False(result.IsSuccess, $"status {result.Status} {result.Error}\n{gateway.LogText}");
        AssertNothingEscaped(gateway, "none");
        Assert.Empty(Directory.EnumerateFiles(gateway.Ingest.IncomingDirectory));
        Assert.Equal(0, await Client(gateway.Port).EchoAsync());
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 256L * 1024 * 1024, "the bomb was inflated into memory");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peer_that_connects_and_trickles_bytes_is_closed_at_the_artim_deadline(bool tls)
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "gateway");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.ArtimTimeout = TimeSpan.FromSeconds(2);
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = certificate.CertificatePath;
            o.Tls.KeyPath = certificate.KeyPath;
        });
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, tls ? gateway.TlsPort : gateway.Port);
        var stream = client.GetStream();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var closed = ReadUntilClosedAsync(stream, deadline.Token);

        // One byte of an A-ASSOCIATE-RQ (or of a TLS ClientHello) a second: never a whole PDU, never silent for long.
        byte[] trickle = tls ? [0x16, 0x03, 0x01, 0x02, 0x00, 0x01] : [0x01, 0x00, 0x00, 0x00, 0x10, 0x00];
        for (var i = 0; !closed.IsCompleted && !deadline.IsCancellationRequested; i++)
        {
            try
            {
                await stream.WriteAsync(trickle.AsMemory(i % trickle.Length, 1), deadline.Token);
            }
            catch (IOException)
            {
                break;
            }
            await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(1), deadline.Token));
        }
        await closed;

        Assert.False(deadline.IsCancellationRequested, $"still open after {started.Elapsed}\n{gateway.LogText}");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"closed only after {started.Elapsed}");
        Assert.Equal(0, await Client(gateway.Port).EchoAsync());
    }

    private static async Task ReadUntilClosedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // A reset is as good as a close; a cancellation is reported by the caller's deadline check.
        }
    }
}
