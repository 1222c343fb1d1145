using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
namespace Imaging.Dicom.Tests.Support;

/// <summary>DCMTK's storescp on a free loopback port, keeping what it receives in a temporary folder: a PACS stand-in (the
/// worker's results destination in the worker and end-to-end tests).</summary>
internal sealed class StorescpPeer : IAsyncDisposable
{
    public const string AeTitle = "RESULTSCP";

    private readonly TempFolder _output = new();
    private readonly Process _process;

    private StorescpPeer(int port)
    {
        Port = port;
        var start = new ProcessStartInfo(ExternalTool.Resolve("storescp")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-aet", AeTitle, "-od", _output.Path, port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("storescp did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public static async Task<StorescpPeer> StartAsync()
    {
        var destination = new StorescpPeer(FreePort());
        try
        {
            await destination.WaitUntilListeningAsync(TimeSpan.FromSeconds(10));
        }
        catch
        {
            await destination.DisposeAsync();
            throw;
        }
        return destination;
    }

    /// <summary>The files received so far (storescp writes each object once it is complete).</summary>
    public IReadOnlyList<string> ReceivedFiles() => Directory.GetFiles(_output.Path);

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.ConnectAsync("127.0.0.1", Port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                if (_process.HasExited) Assert.Fail($"storescp exited before listening on port {Port}.");
                if (DateTime.UtcNow > deadline) Assert.Fail($"storescp does not listen on port {Port} after {timeout.TotalSeconds} s.");
                // Polling a port that a child process is opening: there is nothing to await instead.
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _output.Dispose();
    }
}
