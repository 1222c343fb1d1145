using System.Globalization;
using Imaging.Dicom.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The embedded default: one `imaging serve` process running every role over SQLite and the in-memory bus, in a
/// data folder of its own.</summary>
public sealed class EmbeddedDeployment : IDeployment, IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ServeProcess _process;

    private EmbeddedDeployment(TempFolder folder, ServeProcess process)
    {
        _folder = folder;
        _process = process;
        Api = new ImagingApiClient(process.Spec.HttpPort);
    }

    public int DicomPort => _process.Spec.DicomPort;

    public ImagingApiClient Api { get; }

    public string DataDirectory => _process.Spec.DataDirectory;

    public static async Task<EmbeddedDeployment> StartAsync(TimeSpan quietTimeout)
    {
        var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        var spec = new ServeSpec("imaging-all", "all", data, Ports.Next(), Ports.Next(), null, null,
            new Dictionary<string, string> { ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = quietTimeout.ToString("c", CultureInfo.InvariantCulture) });
        var deployment = new EmbeddedDeployment(folder, ServeProcess.Start(spec));
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
