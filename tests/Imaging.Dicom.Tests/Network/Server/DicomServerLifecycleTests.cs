using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Timeouts while associated, shutdown, many clients at once, and the client's view of aborts.</summary>
public class DicomServerLifecycleTests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private static readonly PresentationContextRequest Verification =
        new(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid]);

    [Fact]
    public async Task An_association_silent_past_the_idle_timeout_is_aborted()
    {
        await using var server = new TestServer(o => o with { IdleTimeout = TimeSpan.FromMilliseconds(500) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        await connection.AssociateAsync([Verification], timeout.Token);

        var abort = Assert.IsType<AbortPdu>(await connection.ReadPduAsync(CloseTimeout));

        Assert.Equal(AbortSource.ServiceProvider, abort.Source);
        Assert.True(await connection.WaitForCloseAsync(CloseTimeout));
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, CloseTimeout, () => server.Log.ToString());
    }

    [Fact]
    public async Task A_store_stalled_past_the_dimse_timeout_is_aborted_and_its_temporary_file_deleted()
    {
        await using var server = new TestServer(o => o with { DimseTimeout = TimeSpan.FromMilliseconds(500) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var ctImage = "1.2.840.10008.5.1.4.1.1.2";
        var association = await connection.AssociateAsync(
            [new PresentationContextRequest(1, ctImage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid])], timeout.Token);
        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        fragmenter.WriteCommand(connection.Writer, 1, DimseCommandCodec.Encode(DimseCommands.StoreRequest(1, ctImage, "1.2.3.4")));
        PduWriter.WriteDataTransfer(connection.Writer, 1, isCommand: false, isLastFragment: false, new byte[1024]);
        await connection.Writer.FlushAsync(timeout.Token);

        Assert.IsType<AbortPdu>(await connection.ReadPduAsync(CloseTimeout));

        await Eventually.TrueAsync(() => server.IncomingFiles().Count == 0 && server.Server.ActiveAssociations == 0, CloseTimeout, () => server.Log.ToString());
        Assert.Empty(server.StoredFiles());
    }

    [Fact]
    public async Task Stopping_the_server_aborts_open_associations_and_stops_listening()
    {
        var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var port = server.Port;
        await using var connection = await RawDicomConnection.ConnectAsync(port, timeout.Token);
        await connection.AssociateAsync([Verification], timeout.Token);

        await server.DisposeAsync();

        Assert.Equal(AbortPdu.ByServiceUser, await connection.ReadPduAsync(CloseTimeout));
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAnyAsync<SocketException>(async () => await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token));
    }

    [Fact]
    public async Task Two_hundred_clients_at_once_are_all_answered()
    {
        await using var server = new TestServer(o => o with { MaximumConcurrentAssociations = 200 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => server.CreateClient().EchoAsync(timeout.Token)));

        Assert.All(statuses, s => Assert.Equal(DimseStatus.Success, s));
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, CloseTimeout, () => server.Log.ToString());
    }

    [Fact]
    public async Task A_truncated_association_request_followed_by_a_close_frees_the_connection()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = PduWriter.ToArray(AssociationRequestor.BuildRequest("RAWSCU", TestServer.AETitle, [Verification], 16384));
        await using (var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token))
        {
            await connection.SendBytesAsync(request[..(request.Length / 2)], timeout.Token);
        }

        await Eventually.TrueAsync(() => server.Log.Lines.Any(l => l.Contains("closed the connection", StringComparison.Ordinal)), CloseTimeout,
            () => server.Log.ToString());
        Assert.Equal(DimseStatus.Success, await server.CreateClient().EchoAsync(timeout.Token));
    }

    [Fact]
    public async Task Our_client_reports_an_abort_instead_of_an_answer_as_an_aborted_association()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var peer = Task.Run(async () =>
            {
                using var socket = await listener.AcceptSocketAsync(timeout.Token);
                var header = new byte[6];
                await socket.ReceiveAsync(header, timeout.Token);
                await socket.SendAsync(PduWriter.ToArray(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu)), timeout.Token);
                // Wait for the client to close first, so the abort is read before any reset.
                await socket.ReceiveAsync(new byte[65536], timeout.Token);
            });
            var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CalledAETitle = "ANY" });

            var aborted = await Assert.ThrowsAsync<DicomAssociationAbortedException>(() => client.EchoAsync(timeout.Token));

            Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), aborted.Abort);
            await peer.WaitAsync(timeout.Token);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Our_client_reports_an_abort_in_the_middle_of_a_store_as_an_aborted_association()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var negotiator = new AssociationNegotiator(new AssociationPolicy
            {
                CalledAETitles = [TestServer.AETitle],
                AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage(),
            });
            var peer = Task.Run(async () =>
            {
                using var socket = await listener.AcceptSocketAsync(timeout.Token);
                await using var stream = new NetworkStream(socket);
                var reader = System.IO.Pipelines.PipeReader.Create(stream);
                var limits = new PduReaderLimits(64 * 1024);
                while (true)
                {
                    var read = await reader.ReadAsync(timeout.Token);
                    var buffer = read.Buffer;
                    var aborted = false;
                    while (!aborted && PduReader.TryReadPdu(ref buffer, limits, out var pdu))
                    {
                        if (pdu is AssociateRequestPdu request)
                        {
                            await stream.WriteAsync(PduWriter.ToArray(negotiator.Negotiate(request).Response), timeout.Token);
                        }
                        else
                        {
                            // The first P-DATA of the C-STORE: abort as an SCP that runs out of disk would.
                            await stream.WriteAsync(PduWriter.ToArray(AbortPdu.ByServiceUser), timeout.Token);
                            aborted = true;
                        }
                    }
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (aborted || read.IsCompleted) break;
                }
                await reader.CompleteAsync();
            });
            var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CalledAETitle = TestServer.AETitle });

            var failure = await Assert.ThrowsAsync<DicomAssociationAbortedException>(
                () => client.StoreAsync([NetworkTestFiles.SeveralTransferSyntaxes[0]], timeout.Token));

            Assert.Contains("abort", failure.Message, StringComparison.OrdinalIgnoreCase);
            await peer.WaitAsync(timeout.Token);
        }
        finally
        {
            listener.Stop();
        }
    }
}
