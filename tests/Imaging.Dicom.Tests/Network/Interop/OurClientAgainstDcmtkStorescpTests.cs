using System.Diagnostics;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our <see cref="DicomClient"/> against DCMTK's storescp, a real SCP none of us wrote.</summary>
public class OurClientAgainstDcmtkStorescpTests
{
    private const string StorescpAETitle = "STORESCP";

    [Fact]
    public async Task Our_client_echoes_and_stores_files_that_storescp_writes_with_the_same_data_set()
    {
        using var output = new TempFolder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var port = TcpPorts.FindFree();
        // +xa: accept every transfer syntax storescp knows, so compressed files arrive as they are.
        using var storescp = StartStorescp(["+xa", "-aet", StorescpAETitle, "-od", output.Path, port.ToString()]);
        try
        {
            await TcpPorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), () => storescp.HasExited);
            var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CalledAETitle = StorescpAETitle });
            var files = NetworkTestFiles.SeveralTransferSyntaxes;

            Assert.Equal(DimseStatus.Success, await client.EchoAsync(timeout.Token));
            var results = await client.StoreAsync(files, timeout.Token);

            Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.FilePath}: status {r.Status:X4} {r.Error}"));
            var received = Directory.GetFiles(output.Path).ToDictionary(f => DicomFileReader.Read(f).Dataset.GetSingleString(DicomTag.SopInstanceUid)!);
            Assert.Equal(files.Count, received.Count);
            foreach (var file in files)
            {
                var uid = DicomFileReader.Read(file).Dataset.GetSingleString(DicomTag.SopInstanceUid)!;
                Assert.True(received.TryGetValue(uid, out var written), $"storescp has no file for {file}");
                DataSetAssert.SameContent(file, written);
            }
        }
        finally
        {
            if (!storescp.HasExited) storescp.Kill(entireProcessTree: true);
            await storescp.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process StartStorescp(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(ExternalTool.Resolve("storescp"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("storescp did not start");
        // Drain its output so a full pipe can never block it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
