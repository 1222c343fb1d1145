using System.Globalization;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.Browser.Tests.Support;

/// <summary>`imaging serve` with every role (SQLite, in-memory bus) in a data folder of its own, as the end-to-end suite
/// starts it, exposing the HTTP address the browser opens.</summary>
public sealed class ServeDeployment : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ServeProcess _process;

    private ServeDeployment(TempFolder folder, ServeProcess process)
    {
        _folder = folder;
        _process = process;
        Api = new ImagingApiClient(process.Spec.HttpPort);
    }

    public int DicomPort => _process.Spec.DicomPort;

    public Uri BaseAddress => new($"http://127.0.0.1:{_process.Spec.HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    public ImagingApiClient Api { get; }

    public static async Task<ServeDeployment> StartAsync()
    {
        var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        var spec = new ServeSpec("imaging-all", "all", data, Ports.Next(), Ports.Next(), null, null,
            new Dictionary<string, string> { ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = Timeouts.Quiet.ToString("c", CultureInfo.InvariantCulture) });
        var deployment = new ServeDeployment(folder, ServeProcess.Start(spec));
        try
        {
            await deployment._process.WaitUntilHealthyAsync(Timeouts.ProcessStart);
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
        return deployment;
    }

    public string Describe() => _process.Describe();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _process.DisposeAsync();
        _folder.Dispose();
    }
}
