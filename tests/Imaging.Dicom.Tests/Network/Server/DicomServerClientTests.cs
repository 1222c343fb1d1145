using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our SCU against our SCP: echo, store, rejection.</summary>
public class DicomServerClientTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Echo_from_our_client_to_our_server_succeeds()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TestTimeout);

        var status = await server.CreateClient().EchoAsync(timeout.Token);

        Assert.Equal(DimseStatus.Success, status);
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(5), () => server.Log.ToString());
    }

    [Fact]
    public async Task Stored_instances_keep_their_data_set_bytes_under_hashed_paths_with_a_zeroed_preamble()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var files = NetworkTestFiles.SeveralTransferSyntaxes;

        var results = await server.CreateClient().StoreAsync(files, timeout.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.FilePath}: status {r.Status:X4} {r.Error}\n{server.Log}"));
        foreach (var file in files)
        {
            var dataset = DicomFileReader.Read(file).Dataset;
            var stored = server.Store.GetInstancePath(dataset.GetSingleString(DicomTags.StudyInstanceUID)!,
                dataset.GetSingleString(DicomTags.SeriesInstanceUID)!, dataset.GetSingleString(DicomTag.SopInstanceUid)!);
            Assert.True(File.Exists(stored), $"{file} was not stored at {stored}");
            DataSetAssert.HasZeroedPreamble(stored);
            DataSetAssert.SameDataSetBytes(file, stored);
        }
        Assert.Equal(files.Count, server.StoredFiles().Count);
        Assert.Empty(server.IncomingFiles());
    }

    [Fact]
    public async Task A_wrong_called_AE_title_is_reported_as_a_rejection_with_its_reason()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = server.Port, CalledAETitle = "NOBODY" });

        var rejected = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => client.EchoAsync(timeout.Token));

        Assert.Equal(AssociateRejectPdu.CalledAETitleNotRecognized, rejected.Reject);
        Assert.Equal(0, server.Server.ActiveAssociations);
    }

    [Fact]
    public async Task An_instance_whose_data_set_contradicts_its_command_is_refused_and_not_kept()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var ctImage = DicomUid.Lookup("1.2.840.10008.5.1.4.1.1.2").Uid;
        var association = await connection.AssociateAsync(
            [new PresentationContextRequest(1, ctImage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid])], timeout.Token);
        var context = Assert.Single(association.PresentationContexts);
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, ctImage);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.3.4.5");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3");
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4");
        using var encoded = new MemoryStream();
        DicomDatasetWriter.Write(encoded, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        fragmenter.WriteCommand(connection.Writer, context.Id, DimseCommandCodec.Encode(DimseCommands.StoreRequest(1, ctImage, "1.2.3.4.6")));
        fragmenter.WriteDataSet(connection.Writer, context.Id, encoded.ToArray());
        await connection.Writer.FlushAsync(timeout.Token);
        var response = Assert.IsType<DataTransferPdu>(await connection.ReadPduAsync(TimeSpan.FromSeconds(10)));

        var command = DimseCommandCodec.Decode(Assert.Single(response.Values).ToArray());
        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, DimseCommands.GetStatus(command));
        Assert.Empty(server.StoredFiles());
        Assert.Empty(server.IncomingFiles());
    }
}
