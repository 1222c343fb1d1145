using Imaging.Dicom.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The embedded default (`imaging serve --role all`, SQLite, in-memory bus) with extra environment, e.g. a results
/// destination; otherwise as <see cref="EmbeddedDeployment"/>.</summary>
public sealed class ServeProcessDeployment : IDeployment, IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ServeProcess _process;

    private ServeProcessDeployment(TempFolder folder, ServeProcess process)
    {
        _folder = folder;
        _process = process;
        Api = new ImagingApiClient(process.Spec.HttpPort);
    }

    public int DicomPort => _process.Spec.DicomPort;

    /// <summary>The HTTP root (API, DICOMweb, UI) on loopback.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_process.Spec.HttpPort}/");

    public ImagingApiClient Api { get; }

    public string DataDirectory => _process.Spec.DataDirectory;

    public static async Task<ServeProcessDeployment> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        var spec = new ServeSpec("imaging-all", "all", data, Ports.Next(), Ports.Next(), null, null, environment);
        var deployment = new ServeProcessDeployment(folder, ServeProcess.Start(spec));
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
