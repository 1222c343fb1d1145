using System.Diagnostics;
using System.Net.Sockets;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>DCMTK's storescp on a free loopback port as the worker's results destination (a PACS stand-in), keeping what it
/// receives in a temporary folder.</summary>
public sealed class ResultsStorescp : IAsyncDisposable
{
    public const string AeTitle = "RESULTSCP";

    private readonly TempFolder _output = new();
    private readonly Process _process;

    private ResultsStorescp(int port)
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

    /// <summary>The worker's configuration pointing <c>Worker:Results:Destination</c> here.</summary>
    public IReadOnlyDictionary<string, string> DestinationEnvironment => new Dictionary<string, string>
    {
        ["IMAGING_WORKER__RESULTS__DESTINATION__AETITLE"] = AeTitle,
        ["IMAGING_WORKER__RESULTS__DESTINATION__HOST"] = "127.0.0.1",
        ["IMAGING_WORKER__RESULTS__DESTINATION__PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<ResultsStorescp> StartAsync()
    {
        var destination = new ResultsStorescp(Ports.Next());
        try
        {
            await Eventually.UntilAsync(destination.AcceptsAsync, TimeSpan.FromSeconds(15), () => $"storescp listening on port {destination.Port}");
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

    private async Task<bool> AcceptsAsync()
    {
        if (_process.HasExited) throw new InvalidOperationException($"storescp exited before listening on port {Port}.");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.ConnectAsync("127.0.0.1", Port, attempt.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
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
