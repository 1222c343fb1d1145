using System.Diagnostics;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Two hundred connections at once, most of them hostile: silent, trickling, garbage, C-STOREs cut off or
/// stalled halfway. The valid ones are all served, ARTIM closes the silent ones, memory stays bounded, and only the
/// instances that were sent whole are kept.</summary>
[Collection(ProcessMemoryCollection.Name)]
public class DicomServerConnectionFloodTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Artim = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(20);
    // Generous (measured here: managed +8 MB, working set +40 MB, peak +45 MB) but real: keeping ~330 KiB per
    // connection alive after it ended (its buffers, a data set held in memory) would exceed the managed bound.
    private const long ManagedGrowthBound = 64L * 1024 * 1024;
    private const long WorkingSetGrowthBound = 200L * 1024 * 1024;

    [Fact]
    public async Task Two_hundred_mixed_connections_leave_valid_peers_served_silent_ones_closed_by_artim_memory_bounded_and_no_partial_instance()
    {
        await using var server = new TestServer(o => o with
        {
            ArtimTimeout = Artim,
            DimseTimeout = TimeSpan.FromSeconds(2),
            MaximumConcurrentAssociations = 200,
        });
        using var folder = new TempFolder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var source = DicomFileReader.Read(NetworkTestFiles.SeveralTransferSyntaxes[0]);
        var sopClass = source.Dataset.GetSingleString(DicomTag.SopClassUid)!;
        var validFiles = Enumerable.Range(0, 25).Select(i => WriteCopy(source, folder.Path, $"1.2.826.0.1.3680043.10.1311.8{i:D3}")).ToArray();
        var (managedBefore, workingSetBefore) = Measure();
        using var sampler = new PeakWorkingSetSampler();

        var silent = Enumerable.Range(0, 40).Select(_ => SilentAsync(server.Port, timeout.Token)).ToArray();
        var trickling = Enumerable.Range(0, 10).Select(_ => TricklingAsync(server.Port, timeout.Token)).ToArray();
        var garbage = Enumerable.Range(0, 50).Select(i => GarbageAsync(server.Port, i, timeout.Token)).ToArray();
        var cutOff = Enumerable.Range(0, 25).Select(i => CutOffStoreAsync(server.Port, source, sopClass, i, timeout.Token)).ToArray();
        var stalled = Enumerable.Range(0, 25).Select(i => StalledStoreAsync(server.Port, source, sopClass, 100 + i, timeout.Token)).ToArray();
        var echoes = Enumerable.Range(0, 25).Select(_ => server.CreateClient(TimeSpan.FromSeconds(60)).EchoAsync(timeout.Token)).ToArray();
        var stores = validFiles.Select(f => server.CreateClient(TimeSpan.FromSeconds(60)).StoreAsync([f], timeout.Token)).ToArray();

        // The stalled stores' temporary files exist for a while: what is checked at the end is that they went away.
        await Eventually.TrueAsync(() => server.IncomingFiles().Count > 0, TimeSpan.FromSeconds(10), () => server.Log.ToString());
        Assert.All(await Task.WhenAll(echoes), s => Assert.Equal(DimseStatus.Success, s));
        Assert.All(await Task.WhenAll(stores), r => Assert.True(Assert.Single(r).IsSuccess, r[0].Error));
        var silentClosedAfter = await Task.WhenAll(silent);
        var tricklingClosedAfter = await Task.WhenAll(trickling);
        Assert.All(await Task.WhenAll(garbage), closed => Assert.True(closed, "a garbage connection is still open"));
        await Task.WhenAll(cutOff);
        Assert.All(await Task.WhenAll(stalled), closed => Assert.True(closed, "a stalled store is still open"));

        // Closed by ARTIM, not before it; and a trickle of bytes does not extend it (it is a deadline, not a silence limit).
        Assert.All(silentClosedAfter.Concat(tricklingClosedAfter), elapsed => Assert.InRange(elapsed, Artim, CloseDeadline));
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0 && server.IncomingFiles().Count == 0, TimeSpan.FromSeconds(10),
            () => server.Log.ToString());
        Assert.Equal(validFiles.Length, server.StoredFiles().Count);
        Assert.Equal(DimseStatus.Success, await server.CreateClient().EchoAsync(timeout.Token));

        var (managedAfter, workingSetAfter) = Measure();
        var peak = sampler.Stop();
        output.WriteLine($"managed {managedBefore / 1048576.0:0.0} -> {managedAfter / 1048576.0:0.0} MB; working set {workingSetBefore / 1048576.0:0.0} -> "
            + $"{workingSetAfter / 1048576.0:0.0} MB, peak {peak / 1048576.0:0.0} MB; silent closed after {silentClosedAfter.Min().TotalSeconds:0.00}-"
            + $"{silentClosedAfter.Max().TotalSeconds:0.00} s");
        Assert.True(managedAfter - managedBefore < ManagedGrowthBound, $"managed memory grew by {(managedAfter - managedBefore) / 1048576.0:0.0} MB");
        Assert.True(workingSetAfter - workingSetBefore < WorkingSetGrowthBound, $"working set grew by {(workingSetAfter - workingSetBefore) / 1048576.0:0.0} MB");
        Assert.True(peak - workingSetBefore < WorkingSetGrowthBound, $"working set peaked {(peak - workingSetBefore) / 1048576.0:0.0} MB above its start");
    }

    private static string WriteCopy(DicomFile source, string folder, string sopInstanceUid)
    {
        source.Dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sopInstanceUid);
        source.FileMetaInformation.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, sopInstanceUid);
        var path = Path.Combine(folder, sopInstanceUid + ".dcm");
        DicomFileWriter.Write(path, source);
        return path;
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64);
    }

    /// <summary>Connects and sends nothing; returns how long the server took to close the connection.</summary>
    private static async Task<TimeSpan> SilentAsync(int port, CancellationToken cancellationToken)
    {
        // Started before connecting: the server's ARTIM starts when it accepts, which is after the connect began.
        var clock = Stopwatch.StartNew();
        await using var connection = await RawDicomConnection.ConnectAsync(port, cancellationToken);
        Assert.True(await connection.WaitForCloseAsync(CloseDeadline), "a silent connection is still open");
        return clock.Elapsed;
    }

    /// <summary>Sends a valid A-ASSOCIATE-RQ one byte every 100 ms, never finishing it within ARTIM; returns how long
    /// the server took to close the connection.</summary>
    private static async Task<TimeSpan> TricklingAsync(int port, CancellationToken cancellationToken)
    {
        var request = PduWriter.ToArray(RawDicomConnection.BuildRequest(
            [new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid])]));
        // Started before connecting: the server's ARTIM starts when it accepts, which is after the connect began.
        var clock = Stopwatch.StartNew();
        await using var connection = await RawDicomConnection.ConnectAsync(port, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var trickle = Task.Run(async () =>
        {
            try
            {
                // Paces the peer's bytes; the close is awaited below, not guessed from this delay.
                foreach (var b in request.AsMemory(0, request.Length - 1).ToArray())
                {
                    await connection.SendBytesAsync([b], stop.Token);
                    await Task.Delay(100, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // Closed by the server (or the test is over).
            }
        }, CancellationToken.None);
        var closed = await connection.WaitForCloseAsync(CloseDeadline);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await trickle;
        Assert.True(closed, "a trickling connection is still open");
        return elapsed;
    }

    /// <summary>Sends bytes that are no valid PDU stream: random noise, an HTTP request, a truncated header, a PDU
    /// type that does not exist; true once the server has closed the connection.</summary>
    private static async Task<bool> GarbageAsync(int port, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(20261127 + seed);
        byte[] bytes = (seed % 4) switch
        {
            0 => RandomBytes(random, 4096),
            1 => "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(),
            2 => [0x01, 0x00, 0xFF, 0xFF],
            _ => [0x55, 0x00, 0x00, 0x00, 0x00, 0x10, .. RandomBytes(random, 16)],
        };
        await using var connection = await RawDicomConnection.ConnectAsync(port, cancellationToken);
        try
        {
            await connection.SendBytesAsync(bytes, cancellationToken);
        }
        catch (IOException)
        {
            // Already cut off.
        }
        return await connection.WaitForCloseAsync(CloseDeadline);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Associates, starts a C-STORE and sends part of its data set, then closes the connection.</summary>
    private static async Task CutOffStoreAsync(int port, DicomFile source, string sopClass, int index, CancellationToken cancellationToken)
    {
        await using var connection = await StartStoreAsync(port, source, sopClass, index, cancellationToken);
    }

    /// <summary>As <see cref="CutOffStoreAsync"/>, but goes silent instead; true once the server's DIMSE timeout has closed it.</summary>
    private static async Task<bool> StalledStoreAsync(int port, DicomFile source, string sopClass, int index, CancellationToken cancellationToken)
    {
        await using var connection = await StartStoreAsync(port, source, sopClass, index, cancellationToken);
        return await connection.WaitForCloseAsync(CloseDeadline);
    }

    private static async Task<RawDicomConnection> StartStoreAsync(int port, DicomFile source, string sopClass, int index, CancellationToken cancellationToken)
    {
        var connection = await RawDicomConnection.ConnectAsync(port, cancellationToken);
        var association = await connection.AssociateAsync([new PresentationContextRequest(1, sopClass, [source.TransferSyntax.Uid])], cancellationToken);
        var fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        fragmenter.WriteCommand(connection.Writer, 1,
            DimseCommandCodec.Encode(DimseCommands.StoreRequest(1, sopClass, $"1.2.826.0.1.3680043.10.1311.9{index:D3}")));
        PduWriter.WriteDataTransfer(connection.Writer, 1, isCommand: false, isLastFragment: false, new byte[16 * 1024]);
        await connection.Writer.FlushAsync(cancellationToken);
        return connection;
    }

    /// <summary>Samples the process's working set until stopped; the peak is what a flood costs at its worst.</summary>
    private sealed class PeakWorkingSetSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public PeakWorkingSetSampler() => _sampling = Task.Run(SampleAsync);

        private async Task<long> SampleAsync()
        {
            long peak = 0;
            using var process = Process.GetCurrentProcess();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            do
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            while (await WaitAsync(timer));
            return peak;
        }

        private async Task<bool> WaitAsync(PeriodicTimer timer)
        {
            try
            {
                return await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public long Stop()
        {
            _stop.Cancel();
            return _sampling.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
