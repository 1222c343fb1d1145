using System.Diagnostics;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's storescp on a free port writing into a temporary folder: a C-MOVE destination.</summary>
internal sealed class StorescpPeer : IAsyncDisposable
{
    public const string AETitle = "STORESCP";

    private readonly TempFolder _output = new();
    private readonly Process _process;

    private StorescpPeer(int port)
    {
        Port = port;
        var start = new ProcessStartInfo(ExternalTool.Resolve("storescp")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "+xa", "-aet", AETitle, "-od", _output.Path, port.ToString() }) start.ArgumentList.Add(argument);
        start.Environment["TCP_NODELAY"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("storescp did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public static async Task<StorescpPeer> StartAsync()
    {
        var peer = new StorescpPeer(TcpPorts.FindFree());
        try
        {
            await TcpPorts.WaitUntilListeningAsync(peer.Port, TimeSpan.FromSeconds(10), () => peer._process.HasExited);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
        return peer;
    }

    public IReadOnlyList<string> ReceivedFiles() => Directory.GetFiles(_output.Path);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _output.Dispose();
    }
}
