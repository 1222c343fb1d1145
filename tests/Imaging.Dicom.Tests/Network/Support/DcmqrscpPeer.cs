using System.Diagnostics;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's dcmqrscp (a Query/Retrieve SCP with its own database) on a free port, filled with storescu.</summary>
internal sealed class DcmqrscpPeer : IAsyncDisposable
{
    public const string AETitle = "QRSCP";

    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private readonly TempFolder _folder;
    private readonly Process _process;

    private DcmqrscpPeer(TempFolder folder, int port, Process process)
    {
        _folder = folder;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <param name="moveDestinationAETitle">The AE title of <paramref name="moveDestinationPort"/> in the host table (C-MOVE destination).</param>
    public static async Task<DcmqrscpPeer> StartAsync(string moveDestinationAETitle = "IMAGING", int moveDestinationPort = 1)
    {
        var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "db");
        Directory.CreateDirectory(database);
        var port = TcpPorts.FindFree();
        var configuration = Path.Combine(folder.Path, "dcmqrscp.cfg");
        File.WriteAllText(configuration, $"""
            NetworkTCPPort  = {port}
            MaxPDUSize      = 16384
            MaxAssociations = 16
            HostTable BEGIN
            dest = ({moveDestinationAETitle}, 127.0.0.1, {moveDestinationPort})
            HostTable END
            VendorTable BEGIN
            VendorTable END
            AETable BEGIN
            {AETitle}   {database}   RW (200, 1024mb)   ANY
            AETable END
            """);
        var start = new ProcessStartInfo(ExternalTool.Resolve("dcmqrscp")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", configuration }) start.ArgumentList.Add(argument);
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dcmqrscp did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new DcmqrscpPeer(folder, port, process);
        try
        {
            await TcpPorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), () => process.HasExited);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
        return peer;
    }

    public async Task StoreAsync(IEnumerable<string> files)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var result = await ExternalTool.RunAsync("storescu", ["-aec", AETitle, "-aet", "FILLER", "127.0.0.1", Port.ToString(), .. files],
            TimeSpan.FromSeconds(15), NoDelay, cancellationToken: timeout.Token);
        Assert.True(result.ExitCode == 0, $"storescu into dcmqrscp: {result.StandardError}{result.StandardOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _folder.Dispose();
    }
}
