using System.Diagnostics;
using System.Text;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Peers that are broken, foreign or hostile: each is cut off, nothing partial is kept, and the server goes on
/// serving others (proved by an echo afterwards).</summary>
public class DicomServerHostileInputTests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private static TestServer ShortArtimServer(int maximumAssociations = 8) =>
        new(o => o with { ArtimTimeout = TimeSpan.FromSeconds(2), MaximumConcurrentAssociations = maximumAssociations });

    private static async Task AssertStillServesAsync(TestServer server, CancellationToken cancellationToken) =>
        Assert.Equal(DimseStatus.Success, await server.CreateClient().EchoAsync(cancellationToken));

    [Fact]
    public async Task Random_bytes_end_the_connection_and_the_server_keeps_serving()
    {
        await using var server = ShortArtimServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var random = new Random(20261127);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var noise = new byte[4096];
            random.NextBytes(noise);
            await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
            await connection.SendBytesAsync(noise, timeout.Token);
            Assert.True(await connection.WaitForCloseAsync(CloseTimeout), $"attempt {attempt}: still open\n{server.Log}");
        }
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task An_http_request_is_aborted_as_an_unrecognized_pdu()
    {
        await using var server = ShortArtimServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);

        await connection.SendBytesAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), timeout.Token);

        var abort = Assert.IsType<AbortPdu>(await connection.ReadPduAsync(CloseTimeout));
        Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnrecognizedPdu), abort);
        Assert.True(await connection.WaitForCloseAsync(CloseTimeout));
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task A_pdu_length_of_0xFFFFFFFF_is_refused_from_its_header()
    {
        await using var server = ShortArtimServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);

        // Only the header is sent: the server must refuse it without waiting for (or buffering) 4 GiB of body.
        await connection.SendBytesAsync([0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF], timeout.Token);

        var abort = Assert.IsType<AbortPdu>(await connection.ReadPduAsync(CloseTimeout));
        Assert.Equal(AbortSource.ServiceProvider, abort.Source);
        Assert.True(await connection.WaitForCloseAsync(CloseTimeout));
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task Data_transfer_before_association_is_aborted_as_an_unexpected_pdu()
    {
        await using var server = ShortArtimServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        PduWriter.WriteDataTransfer(writer, 1, isCommand: true, isLastFragment: true, DimseCommandCodec.Encode(DimseCommands.EchoRequest(1)));

        await connection.SendBytesAsync(writer.WrittenSpan.ToArray(), timeout.Token);

        Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), await connection.ReadPduAsync(CloseTimeout));
        Assert.True(await connection.WaitForCloseAsync(CloseTimeout));
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task An_abort_in_the_middle_of_a_store_keeps_no_file()
    {
        await using var server = ShortArtimServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var file = DicomFileReader.Read(NetworkTestFiles.SeveralTransferSyntaxes[0]);
        var sopClass = file.Dataset.GetSingleString(global::Imaging.Dicom.Data.DicomTag.SopClassUid)!;
        var association = await connection.AssociateAsync(
            [new PresentationContextRequest(1, sopClass, [file.TransferSyntax.Uid])], timeout.Token);
        var context = Assert.Single(association.PresentationContexts);
        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);

        fragmenter.WriteCommand(connection.Writer, context.Id,
            DimseCommandCodec.Encode(DimseCommands.StoreRequest(1, sopClass, file.Dataset.GetSingleString(global::Imaging.Dicom.Data.DicomTag.SopInstanceUid)!)));
        PduWriter.WriteDataTransfer(connection.Writer, context.Id, isCommand: false, isLastFragment: false, new byte[8192]);
        await connection.Writer.FlushAsync(timeout.Token);
        await Eventually.TrueAsync(() => server.IncomingFiles().Count == 1, TimeSpan.FromSeconds(5), () => server.Log.ToString());
        await connection.SendAsync(AbortPdu.ByServiceUser, timeout.Token);

        await Eventually.TrueAsync(() => server.IncomingFiles().Count == 0 && server.Server.ActiveAssociations == 0,
            TimeSpan.FromSeconds(5), () => server.Log.ToString());
        Assert.Empty(server.StoredFiles());
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task A_silent_client_is_dropped_when_the_artim_timer_expires()
    {
        await using var server = new TestServer(o => o with { ArtimTimeout = TimeSpan.FromMilliseconds(500) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var clock = Stopwatch.StartNew();

        Assert.True(await connection.WaitForCloseAsync(CloseTimeout), server.Log.ToString());

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(4));
        await AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task An_association_beyond_the_cap_is_rejected_as_a_transient_local_limit()
    {
        await using var server = ShortArtimServer(maximumAssociations: 2);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var verification = new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid]);
        await using var first = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        await using var second = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        await first.AssociateAsync([verification], timeout.Token);
        await second.AssociateAsync([verification], timeout.Token);

        var rejected = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => server.CreateClient().EchoAsync(timeout.Token));
        Assert.Equal(AssociateRejectPdu.LocalLimitExceeded, rejected.Reject);
        Assert.Equal(AssociateRejectResult.Transient, rejected.Reject.Result);

        await first.SendAsync(ReleaseRequestPdu.Instance, timeout.Token);
        Assert.IsType<ReleaseResponsePdu>(await first.ReadPduAsync(CloseTimeout));
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 1, TimeSpan.FromSeconds(5), () => server.Log.ToString());
        await AssertStillServesAsync(server, timeout.Token);
    }
}
