using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.EndToEnd.Tests.Cluster;

/// <summary>Fault on the real cluster of deploy/local/cluster.sh: one of the three RabbitMQ nodes stops in the middle of an
/// ingest split over both gateways. The quorum queues keep a majority, the processes connected to that node fail over to
/// another, and nothing a gateway acknowledged is lost or analysed twice; the node rejoins when it starts again.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BrokerNodeLossTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const int SlicesPerGateway = 150;
    private const int Batches = 3;

    /// <summary>Ingest, relay, broker failover and analysis of 300 instances on two cores shared with other tests.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Stopping_one_RabbitMQ_node_mid_ingest_loses_no_acknowledged_instance_and_duplicates_no_findings()
    {
        using var files = new TempFolder();
        var first = TestSeries.CtSpine(files.File("ct-1"), SlicesPerGateway);
        var second = TestSeries.CtSpine(files.File("ct-2"), SlicesPerGateway);
        var boneScan = TestSeries.NmWholeBody(files.File("nm"), images: 2, studyInstanceUid: second.StudyInstanceUid);
        // rabbit2 is the node cluster.sh points gateway2 and worker1 at first: their connections are the ones that move.
        var stopped = cluster.BrokerNodes[1];
        var survivor = cluster.BrokerNodes[0];

        var firstBatchDone = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var clock = Stopwatch.StartNew();
        var sends = new[]
        {
            SendInBatchesAsync(cluster.GatewayPorts[0], first.Files, firstBatchDone[0]),
            SendInBatchesAsync(cluster.GatewayPorts[1], [.. second.Files, .. boneScan.Files], firstBatchDone[1]),
        };

        // Mid-ingest: both gateways have had instances acknowledged and are still receiving.
        await Task.WhenAny(Task.WhenAll(firstBatchDone.Select(d => d.Task)), Task.WhenAll(sends));
        (await cluster.CtlAsync(stopped, "stop_app")).EnsureSuccess($"rabbitmqctl -n {stopped} stop_app");
        var stoppedAt = clock.Elapsed;
        IReadOnlyList<StoreOutcome>[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(sends);
            Assert.DoesNotContain(stopped, await cluster.RunningNodesAsync(survivor));
            // Gateway 2's first node is the stopped one: its outbox empties only if it failed over to another node.
            await Eventually.UntilAsync(async () => await cluster.OutboxPendingAsync(2) == 0, TimeSpan.FromMinutes(2),
                () => $"gateway 2 publishing its outbox through another node while {stopped} is down.\n{cluster.Describe()}");
        }
        finally
        {
            (await cluster.CtlAsync(stopped, "start_app")).EnsureSuccess($"rabbitmqctl -n {stopped} start_app");
        }
        var sentAt = clock.Elapsed;
        await Eventually.UntilAsync(async () => (await cluster.RunningNodesAsync(survivor)).Count == 3, TimeSpan.FromMinutes(2),
            () => $"{stopped} rejoining the cluster.\n{cluster.Describe()}");

        var acknowledgedFirst = outcomes[0].Sum(o => o.Succeeded);
        var acknowledgedSecond = outcomes[1].Sum(o => o.Succeeded);
        foreach (var outcome in outcomes.SelectMany(o => o))
            Assert.True(outcome.AllSucceeded, $"A gateway must accept while a broker node is down. {outcome}\n{cluster.Describe()}");

        await PipelineProbe.WaitForFindingsAsync(cluster, first, acknowledgedFirst, Drain);
        var secondCt = Math.Min(acknowledgedSecond, second.Files.Count);
        await PipelineProbe.WaitForFindingsAsync(cluster, second, secondCt, Drain);
        await PipelineProbe.WaitForFindingsAsync(cluster, boneScan, acknowledgedSecond - secondCt, Drain);
        var analysedAt = clock.Elapsed;

        foreach (var (series, sent) in new[] { (first, acknowledgedFirst), (second, secondCt), (boneScan, acknowledgedSecond - secondCt) })
        {
            var counts = await PipelineProbe.CountAsync(cluster, series, sent);
            output.WriteLine($"{series.Modality} {series.SeriesInstanceUid}: {counts}");
            await PipelineProbe.AssertCompleteAsync(cluster, series, sent);
        }
        var queues = await cluster.CtlAsync(survivor, "list_queues", "name", "type");
        output.WriteLine($"node {stopped} stopped at {stoppedAt.TotalSeconds:F0} s, all sent at {sentAt.TotalSeconds:F0} s, " +
            $"all analysed at {analysedAt.TotalSeconds:F0} s\n{queues.StandardOutput}");
        // The workers' queue (and its error queue) replicated over the cluster; MassTransit's own per-process reply queues
        // are temporary and stay classic.
        var workerQueues = queues.StandardOutput.Split('\n').Where(l => l.StartsWith("imaging-series-ready", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(workerQueues);
        Assert.All(workerQueues, l => Assert.EndsWith("quorum", l.TrimEnd(), StringComparison.Ordinal));
    }

    /// <summary>The files in <see cref="Batches"/> storescu associations one after the other; <paramref name="firstDone"/>
    /// completes after the first.</summary>
    private static async Task<IReadOnlyList<StoreOutcome>> SendInBatchesAsync(int port, IReadOnlyList<string> files, TaskCompletionSource firstDone)
    {
        var outcomes = new List<StoreOutcome>();
        var size = (files.Count + Batches - 1) / Batches;
        try
        {
            foreach (var batch in files.Chunk(size))
            {
                outcomes.Add(await Storescu.SendAsync(port, batch));
                firstDone.TrySetResult();
            }
        }
        finally
        {
            firstDone.TrySetResult();
        }
        return outcomes;
    }
}
