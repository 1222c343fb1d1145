using System.Net.Http.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Orthanc, a real PACS none of us wrote: our client stores into it, and it forwards a study to our server
/// through its REST API the way a PACS route would.</summary>
public class OrthancInteropTests
{
    [Fact]
    public async Task Orthanc_accepts_our_stores_and_forwards_the_study_back_to_our_server_intact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var server = new TestServer();
        await using var orthanc = await OrthancPeer.StartAsync(
            new Dictionary<string, (string, int)> { ["imaging"] = (TestServer.AETitle, server.Port) }, timeout.Token);
        // One study's worth: the MR image in four encodings shares its study.
        var files = new[] { "ct_mr/MR_brain_TS1_ELE.dcm", "ct_mr/MR_brain_TS2_ILE.dcm", "ct_mr/MR_brain_TS4_RLE.dcm", "ct_mr/MR_brain_TS5_JPLL.dcm" }
            .Select(TestPaths.Corpus).ToArray();
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = orthanc.DicomPort, CalledAETitle = OrthancPeer.AETitle });

        var results = await client.StoreAsync(files, timeout.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.FilePath}: status {r.Status:X4} {r.Error}"));
        Assert.Equal(files.Length, (await orthanc.InstancesAsync(timeout.Token)).Length);

        var studies = await orthanc.Http.GetFromJsonAsync<string[]>("studies", timeout.Token);
        foreach (var study in studies!)
        {
            using var forward = await orthanc.Http.PostAsync("modalities/imaging/store", new StringContent(study), timeout.Token);
            Assert.True(forward.IsSuccessStatusCode, $"Orthanc could not forward {study}: {forward.StatusCode} {await forward.Content.ReadAsStringAsync(timeout.Token)}\n{server.Log}");
        }

        Assert.Equal(files.Length, server.StoredFiles().Count);
        foreach (var file in files)
        {
            var dataset = DicomFileReader.Read(file).Dataset;
            var stored = server.Store.GetInstancePath(dataset.GetSingleString(DicomTags.StudyInstanceUID)!,
                dataset.GetSingleString(DicomTags.SeriesInstanceUID)!, dataset.GetSingleString(DicomTag.SopInstanceUid)!);
            Assert.True(File.Exists(stored), $"{file} did not come back from Orthanc\n{server.Log}");
            DataSetAssert.SameContent(file, stored);
        }
    }
}
