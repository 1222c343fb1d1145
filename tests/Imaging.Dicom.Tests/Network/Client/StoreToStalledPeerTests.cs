using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our C-STORE SCU against a peer that accepts the association and then stops reading: the send is bound by
/// the DIMSE timeout, so a move to such a destination cannot hold the move (and the requestor's association) forever.</summary>
public class StoreToStalledPeerTests
{
    [Fact]
    public async Task Storing_to_a_peer_that_stops_reading_mid_instance_times_out()
    {
        using var folder = new TempFolder();
        var large = folder.File("large.dcm");
        GeneratedInstances.Write(large, QueryTestData.SecondaryCapture, "1.2.826.0.1.3680043.10.1311.940", DicomTransferSyntax.ExplicitVRLittleEndian,
            pixelBytes: 48 * 1024 * 1024);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var peer = AcceptThenStopReadingAsync(listener, timeout.Token);
        var client = new DicomClient(new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            CalledAETitle = TestServer.AETitle,
            DimseTimeout = TimeSpan.FromSeconds(1),
            AssociationTimeout = TimeSpan.FromSeconds(10),
        });

        var storing = client.StoreAsync([large], timeout.Token);

        // Without a bound on the send, the store would never end: wait for it with a deadline of our own.
        Assert.Same(storing, await Task.WhenAny(storing, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None)));
        await Assert.ThrowsAsync<TimeoutException>(() => storing);
        using var socket = await peer;
    }

    /// <summary>Accepts one connection, answers its A-ASSOCIATE-RQ with what our negotiator accepts, then reads nothing more.</summary>
    private static async Task<Socket> AcceptThenStopReadingAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var socket = await listener.AcceptSocketAsync(cancellationToken);
        socket.ReceiveBufferSize = 4096;
        var received = new ArrayBufferWriter<byte>();
        AssociateRequestPdu? request = null;
        while (request is null)
        {
            var n = await socket.ReceiveAsync(received.GetMemory(4096), cancellationToken);
            Assert.NotEqual(0, n);
            received.Advance(n);
            var buffer = new ReadOnlySequence<byte>(received.WrittenMemory);
            if (PduReader.TryReadPdu(ref buffer, new PduReaderLimits(1024 * 1024), out var pdu)) request = Assert.IsType<AssociateRequestPdu>(pdu);
        }
        var policy = new AssociationPolicy { CalledAETitles = [TestServer.AETitle], AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage() };
        var accepted = Assert.IsType<AssociationAccepted>(new AssociationNegotiator(policy).Negotiate(request));
        await socket.SendAsync(PduWriter.ToArray(accepted.Accept), cancellationToken);
        return socket;
    }
}
