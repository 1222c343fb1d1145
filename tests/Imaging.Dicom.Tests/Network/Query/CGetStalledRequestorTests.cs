using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A C-GET requestor that stops reading while an instance is coming back to it must not hold the association
/// (and its slot) for longer than the send timeout that bounds every other response.</summary>
public class CGetStalledRequestorTests
{
    [Fact]
    public async Task A_get_requestor_that_stops_reading_mid_instance_is_cut_off_by_the_send_timeout_and_its_slot_freed()
    {
        using var folder = new TempFolder();
        // Far more than the socket buffers between the server and a peer with a 4 KiB receive buffer can hold.
        var large = folder.File("large.dcm");
        var header = GeneratedInstances.Write(large, QueryTestData.SecondaryCapture, "1.2.826.0.1.3680043.10.1311.910",
            DicomTransferSyntax.ExplicitVRLittleEndian, pixelBytes: 48 * 1024 * 1024);
        var index = new InMemoryQueryIndex();
        index.Add(header, large);
        await using var server = new TestServer(options => options with
        {
            DimseTimeout = TimeSpan.FromSeconds(1),
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes(), RequestorScpAbstractSyntaxes = [QueryTestData.SecondaryCapture] },
            GetProvider = index,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token, receiveBufferSize: 4096);
        string[] uncompressed = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid];
        var request = AssociationRequestor.BuildRequest("RAWSCU", TestServer.AETitle,
            [
                new PresentationContextRequest(1, QueryInformationModel.StudyRoot.GetSopClass(), uncompressed),
                new PresentationContextRequest(3, QueryTestData.SecondaryCapture, uncompressed),
            ], 64 * 1024, [new RoleSelection(QueryTestData.SecondaryCapture, ScuRole: false, ScpRole: true)]);
        var (_, association) = await connection.AssociateAsync(request, timeout.Token);
        Assert.Equal(1, server.Server.ActiveAssociations);
        var keys = new DicomDataset();
        keys.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, GeneratedInstances.Study);

        // The request goes out; from here on this peer reads nothing.
        await connection.SendAsync(association.PresentationContexts.Single(c => c.Id == 1),
            DimseQueryRetrieveCommands.GetRequest(1, QueryInformationModel.StudyRoot.GetSopClass()), keys, timeout.Token);

        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(45), () => server.Log.ToString());
        Assert.Contains("took none of our data", server.Log.ToString());
        Assert.Equal(DimseStatus.Success, await server.CreateClient().EchoAsync(timeout.Token));
    }
}
