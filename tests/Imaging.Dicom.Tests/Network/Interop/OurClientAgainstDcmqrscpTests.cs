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
        using var sink = new global::Imaging.Dicom.Tests.Support.TempFolder();
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!);

        var result = await Client(peer).GetAsync(QueryRetrieveLevel.Study, keys, sink.Path);

        Assert.True(result.Status == DimseStatus.Success, result.ToString());
        Assert.Equal(1, result.Completed);
        Assert.True(File.Exists(Path.Combine(sink.Path, header.GetString(DicomTags.SOPInstanceUID) + ".dcm")));
    }

    [Fact]
    public async Task Find_in_patient_root_and_at_image_level_returns_what_dcmqrscp_holds()
    {
        // The CT, and two MR instances of one series.
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(3).ToList();
        var mr = DicomFileReader.Read(files[1]).Dataset;
        await using var peer = await DcmqrscpPeer.StartAsync();
        await peer.StoreAsync(files);
        var patient = mr.GetString(DicomTags.PatientID)!;
        var study = mr.GetString(DicomTags.StudyInstanceUID)!;
        var series = mr.GetString(DicomTags.SeriesInstanceUID)!;
        var expectedImages = files.Skip(1).Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!).Order().ToArray();

        var patients = await FindAsync(peer, QueryInformationModel.PatientRoot, QueryRetrieveLevel.Patient,
            (DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.PatientName, DicomVR.PN, ""));
        var studies = await FindAsync(peer, QueryInformationModel.PatientRoot, QueryRetrieveLevel.Study,
            (DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.StudyInstanceUID, DicomVR.UI, ""));
        var patientRootImages = await FindAsync(peer, QueryInformationModel.PatientRoot, QueryRetrieveLevel.Image,
            (DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.StudyInstanceUID, DicomVR.UI, study), (DicomTags.SeriesInstanceUID, DicomVR.UI, series),
            (DicomTags.SOPInstanceUID, DicomVR.UI, ""));
        var studyRootImages = await FindAsync(peer, QueryInformationModel.StudyRoot, QueryRetrieveLevel.Image,
            (DicomTags.StudyInstanceUID, DicomVR.UI, study), (DicomTags.SeriesInstanceUID, DicomVR.UI, series), (DicomTags.SOPInstanceUID, DicomVR.UI, ""));

        Assert.Equal(mr.GetString(DicomTags.PatientName), Assert.Single(patients).GetString(DicomTags.PatientName));
        Assert.Equal([study], studies.Select(s => s.GetString(DicomTags.StudyInstanceUID)!));
        Assert.Equal(expectedImages, patientRootImages.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order().ToArray());
        Assert.Equal(expectedImages, studyRootImages.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order().ToArray());
    }

    [Fact]
    public async Task Move_to_our_server_refusing_a_sop_class_returns_dcmqrscps_warning_with_the_refused_instance_listed()
    {
        var mrFile = NetworkTestFiles.SeveralTransferSyntaxes[1];
        var mr = DicomFileReader.Read(mrFile).Dataset;
        using var temp = new global::Imaging.Dicom.Tests.Support.TempFolder();
        // A CT image moved into the MR's study, so that one study holds two SOP classes.
        var ct = temp.File("ct.dcm");
        File.Copy(NetworkTestFiles.SeveralTransferSyntaxes[0], ct);
        var modified = await global::Imaging.Dicom.Tests.Support.ExternalTool.RunAsync("dcmodify", ["-nb",
            "-m", $"PatientID={mr.GetString(DicomTags.PatientID)}", "-m", $"PatientName={mr.GetString(DicomTags.PatientName)}",
            "-m", $"StudyInstanceUID={mr.GetString(DicomTags.StudyInstanceUID)}", ct]);
        modified.EnsureSuccess("dcmodify");
        // Our server takes CT images only: dcmqrscp's C-STORE of the MR instance finds no presentation context.
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with
            {
                AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.CTImageStorage.Uid] = StandardAbstractSyntaxes.DefaultTransferSyntaxPreference },
            },
        });
        await using var peer = await DcmqrscpPeer.StartAsync(TestServer.AETitle, server.Port);
        await peer.StoreAsync([ct, mrFile]);
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, mr.GetString(DicomTags.StudyInstanceUID)!);

        var result = await Client(peer).MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.SubOperationsCompleteWithFailures, $"{result}\n{server.Log}");
        Assert.Equal((1, 1), (result.Completed, result.Failed));
        Assert.Equal([mr.GetString(DicomTags.SOPInstanceUID)!], result.FailedSopInstanceUids);
        Assert.Single(server.StoredFiles());
    }

    private static async Task<List<DicomDataset>> FindAsync(DcmqrscpPeer peer, QueryInformationModel model, QueryRetrieveLevel level,
        params (DicomTag Tag, DicomVR VR, string Value)[] keys)
    {
        var identifier = new DicomDataset();
        foreach (var (tag, vr, value) in keys) identifier.SetString(tag, vr, value);
        var matches = new List<DicomDataset>();
        await foreach (var match in Client(peer).FindAsync(level, model, identifier)) matches.Add(match);
        return matches;
    }
}
