using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our Query/Retrieve SCU against DCMTK's dcmqrscp, a real SCP with its own database.</summary>
public class OurClientAgainstDcmqrscpTests
{
    private static DicomClient Client(DcmqrscpPeer peer) => new(new DicomClientOptions
    {
        Host = "127.0.0.1",
        Port = peer.Port,
        CalledAETitle = DcmqrscpPeer.AETitle,
        CallingAETitle = "IMAGING",
        AssociationTimeout = TimeSpan.FromSeconds(10),
        DimseTimeout = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task Find_at_study_and_series_level_returns_what_dcmqrscp_holds()
    {
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(2).ToList();
        var headers = files.Select(f => DicomFileReader.Read(f).Dataset).ToList();
        await using var peer = await DcmqrscpPeer.StartAsync();
        await peer.StoreAsync(files);

        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "");
        keys.SetString(DicomTags.PatientName, DicomVR.PN, "");
        var studies = new List<string>();
        await foreach (var match in Client(peer).FindAsync(QueryRetrieveLevel.Study, QueryInformationModel.StudyRoot, keys))
            studies.Add(match.GetString(DicomTags.StudyInstanceUID)!);
        Assert.Equal(headers.Select(h => h.GetString(DicomTags.StudyInstanceUID)!).Distinct().Order(), studies.Order());

        var seriesKeys = new DicomDataset();
        seriesKeys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, headers[0].GetString(DicomTags.StudyInstanceUID)!);
        seriesKeys.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, "");
        seriesKeys.SetString(DicomTags.Modality, DicomVR.CS, "");
        var series = new List<DicomDataset>();
        await foreach (var match in Client(peer).FindAsync(QueryRetrieveLevel.Series, QueryInformationModel.StudyRoot, seriesKeys))
            series.Add(match);
        Assert.Contains(series, s => s.GetString(DicomTags.SeriesInstanceUID) == headers[0].GetString(DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public async Task Move_makes_dcmqrscp_send_the_study_to_our_server()
    {
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(2).ToList();
        var study = DicomFileReader.Read(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        var expected = files.Count(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.StudyInstanceUID) == study);
        await using var server = new TestServer();
        await using var peer = await DcmqrscpPeer.StartAsync(TestServer.AETitle, server.Port);
        await peer.StoreAsync(files);

        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        var result = await Client(peer).MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{server.Log}");
        Assert.Equal(expected, result.Completed);
        Assert.Equal(expected, server.StoredFiles().Count);
    }

    [Fact]
    public async Task Get_receives_the_study_from_dcmqrscp_on_our_association()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var header = DicomFileReader.Read(file).Dataset;
        await using var peer = await DcmqrscpPeer.StartAsync();
        await peer.StoreAsync([file]);
        using var sink = new Imaging.Dicom.Tests.Support.TempFolder();
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!);

        var result = await Client(peer).GetAsync(QueryRetrieveLevel.Study, keys, sink.Path);

        Assert.True(result.Status == DimseStatus.Success, result.ToString());
        Assert.Equal(1, result.Completed);
        Assert.True(File.Exists(Path.Combine(sink.Path, header.GetString(DicomTags.SOPInstanceUID) + ".dcm")));
    }
}
