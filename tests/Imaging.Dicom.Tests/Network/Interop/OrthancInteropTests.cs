using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
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
    private const string OrthancAETitle = "ORTHANC";

    [Fact]
    public async Task Orthanc_accepts_our_stores_and_forwards_the_study_back_to_our_server_intact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var server = new TestServer();
        using var database = new TempFolder();
        var dicomPort = TcpPorts.FindFree();
        var httpPort = TcpPorts.FindFree();
        var configuration = database.File("orthanc.json");
        await File.WriteAllTextAsync(configuration, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "PEER",
            ["StorageDirectory"] = database.Path,
            ["IndexDirectory"] = database.Path,
            ["DicomAet"] = OrthancAETitle,
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowStore"] = true,
            ["DicomModalities"] = new Dictionary<string, object> { ["imaging"] = new object[] { TestServer.AETitle, "127.0.0.1", server.Port } },
            ["Plugins"] = Array.Empty<string>(),
        }), timeout.Token);
        using var orthanc = StartOrthanc(configuration);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            await WaitUntilReadyAsync(http, orthanc, timeout.Token);
            // One study's worth: the MR image in four encodings shares its study.
            var files = new[] { "ct_mr/MR_brain_TS1_ELE.dcm", "ct_mr/MR_brain_TS2_ILE.dcm", "ct_mr/MR_brain_TS4_RLE.dcm", "ct_mr/MR_brain_TS5_JPLL.dcm" }
                .Select(TestPaths.Corpus).ToArray();
            var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = dicomPort, CalledAETitle = OrthancAETitle });

            var results = await client.StoreAsync(files, timeout.Token);

            Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.FilePath}: status {r.Status:X4} {r.Error}"));
            var instances = await http.GetFromJsonAsync<string[]>("instances", timeout.Token);
            Assert.Equal(files.Length, instances!.Length);

            var studies = await http.GetFromJsonAsync<string[]>("studies", timeout.Token);
            foreach (var study in studies!)
            {
                using var forward = await http.PostAsync("modalities/imaging/store", new StringContent(study), timeout.Token);
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
        finally
        {
            if (!orthanc.HasExited) orthanc.Kill(entireProcessTree: true);
            await orthanc.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process StartOrthanc(string configuration)
    {
        var start = new ProcessStartInfo(ExternalTool.Resolve("Orthanc"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(configuration);
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Orthanc is ready once its REST API answers GET /system.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient http, Process orthanc, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("system", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (orthanc.HasExited) Assert.Fail($"Orthanc exited with code {orthanc.ExitCode} before it was ready.");
            if (DateTime.UtcNow > deadline) Assert.Fail("Orthanc's REST API did not answer within 20 s.");
            await Task.Delay(100, cancellationToken);
        }
    }
}
