using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>PS3.7 D.3.3.3 on the wire: the SCP answers every proposed window 1/1 (it performs one operation at a
/// time); a peer that pipelines requests anyway is served in order, and one that never reads its responses is cut off.</summary>
public class DicomServerAsynchronousWindowTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private static AssociateRequestPdu WithWindow(AssociateRequestPdu request, AsynchronousOperationsWindow window) =>
        request with { UserInformation = request.UserInformation with { AsynchronousOperationsWindow = window } };

    [Fact]
    public async Task A_requestor_proposing_eight_outstanding_operations_is_answered_one_and_one_in_the_accept()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var request = WithWindow(RawDicomConnection.BuildRequest(
            [new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid])]), new AsynchronousOperationsWindow(8, 8));

        var (accept, association) = await connection.AssociateAsync(request, timeout.Token);

        Assert.Equal(AsynchronousOperationsWindow.Synchronous, accept.UserInformation.AsynchronousOperationsWindow);
        Assert.Equal(AsynchronousOperationsWindow.Synchronous, association.AsynchronousOperations);
    }

    [Fact]
    public async Task Requests_pipelined_by_a_peer_that_ignores_the_window_are_all_performed_and_answered_in_order()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var file = DicomFileReader.Read(NetworkTestFiles.SeveralTransferSyntaxes[0]);
        var sopClass = file.Dataset.GetSingleString(DicomTag.SopClassUid)!;
        var request = WithWindow(RawDicomConnection.BuildRequest(
        [
            new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid]),
            new PresentationContextRequest(3, sopClass, [file.TransferSyntax.Uid]),
        ]), new AsynchronousOperationsWindow(2, 2));
        var (_, association) = await connection.AssociateAsync(request, timeout.Token);
        Assert.Equal(2, association.PresentationContexts.Count);
        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        string[] instances = ["1.2.826.0.1.3680043.10.1311.7001", "1.2.826.0.1.3680043.10.1311.7002"];

        // Two whole C-STOREs and a C-ECHO in one flush, before reading anything back.
        for (var i = 0; i < instances.Length; i++)
        {
            file.Dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, instances[i]);
            using var encoded = new MemoryStream();
            DicomDatasetWriter.Write(encoded, file.Dataset, file.TransferSyntax);
            fragmenter.WriteCommand(connection.Writer, 3, DimseCommandCodec.Encode(DimseCommands.StoreRequest((ushort)(i + 1), sopClass, instances[i])));
            fragmenter.WriteDataSet(connection.Writer, 3, encoded.GetBuffer().AsSpan(0, (int)encoded.Length));
        }
        fragmenter.WriteCommand(connection.Writer, 1, DimseCommandCodec.Encode(DimseCommands.EchoRequest(3)));
        await connection.Writer.FlushAsync(timeout.Token);

        var responses = new List<DicomDataset>();
        for (var i = 0; i < 3; i++)
        {
            var data = Assert.IsType<DataTransferPdu>(await connection.ReadPduAsync(ReadTimeout));
            var pdv = Assert.Single(data.Values);
            Assert.True(pdv.IsCommand && pdv.IsLastFragment);
            responses.Add(DimseCommandCodec.Decode(pdv.ToArray()));
        }

        Assert.Equal([1L, 2L, 3L], responses.Select(r => r.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo)));
        Assert.Equal([0x8001L, 0x8001L, 0x8030L], responses.Select(r => r.GetInteger(DimseCommandTags.CommandField)));
        Assert.All(responses, r => Assert.Equal(DimseStatus.Success, DimseCommands.GetStatus(r)));
        Assert.Equal(2, server.StoredFiles().Count);
        await connection.SendAsync(ReleaseRequestPdu.Instance, timeout.Token);
        Assert.IsType<ReleaseResponsePdu>(await connection.ReadPduAsync(ReadTimeout));
    }

    [Fact]
    public async Task A_peer_that_keeps_sending_requests_but_never_reads_a_response_is_cut_off_and_its_slot_freed()
    {
        await using var server = new TestServer(o => o with { DimseTimeout = TimeSpan.FromSeconds(1) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token, receiveBufferSize: 4096);
        var association = await connection.AssociateAsync(
            [new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid])], timeout.Token);
        Assert.Equal(1, server.Server.ActiveAssociations);
        var batch = new System.Buffers.ArrayBufferWriter<byte>();
        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        for (var i = 0; i < 1000; i++) fragmenter.WriteCommand(batch, 1, DimseCommandCodec.Encode(DimseCommands.EchoRequest((ushort)(i + 1))));
        var requests = batch.WrittenMemory.ToArray();

        // Echo requests until the server's answers fill every socket buffer between us and it stops taking requests
        // too; then the only way out for the server is its send timeout.
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var sending = Task.Run(async () =>
        {
            try
            {
                while (true) await connection.SendBytesAsync(requests, stopSending.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // Closed by the server, or stopped by the test.
            }
        }, CancellationToken.None);

        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(45), () => server.Log.ToString());
        await stopSending.CancelAsync();
        await sending;
        Assert.Contains("took none of our data", server.Log.ToString());
        Assert.Equal(DimseStatus.Success, await server.CreateClient().EchoAsync(timeout.Token));
    }
}
