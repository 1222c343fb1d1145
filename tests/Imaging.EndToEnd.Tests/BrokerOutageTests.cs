using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>Fault: RabbitMQ is stopped for 30 s in the middle of a send. The gateway keeps accepting (its outbox grows),
/// and once the broker is back the outbox drains and the worker, reconnected, processes every instance.</summary>
[Collection(DistributedCollection.Name)]
public sealed class BrokerOutageTests(DistributedInfrastructure infrastructure)
{
    /// <summary>The outage the issue asks for.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_RabbitMQ_stopped_for_30_s_during_a_send_every_instance_is_stored_and_processed_after_it_returns()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 10);
        var nm = TestSeries.NmWholeBody(files.File("nm"), images: 2, studyInstanceUid: ct.StudyInstanceUid);
        await using var deployment = await DistributedDeployment.StartAsync(infrastructure, workers: 1, Timeouts.Quiet);

        var before = await Storescu.SendAsync(deployment.DicomPort, ct.First(5));
        await infrastructure.StopBrokerAsync();
        var down = Stopwatch.StartNew();
        StoreOutcome during, duringNm;
        long? pending;
        try
        {
            during = await Storescu.SendAsync(deployment.DicomPort, ct.After(5));
            duringNm = await Storescu.SendAsync(deployment.DicomPort, nm.Files);
            pending = await deployment.OutboxPendingAsync();
            // The outage itself, not a wait for something to happen: the broker stays away this long.
            if (down.Elapsed < Outage) await Task.Delay(Outage - down.Elapsed);
        }
        finally
        {
            await infrastructure.StartBrokerAsync();
        }

        Assert.True(before.AllSucceeded, $"{before}\n{deployment.Describe()}");
        Assert.True(during.AllSucceeded, $"The gateway must accept while the broker is down. {during}\n{deployment.Describe()}");
        Assert.True(duringNm.AllSucceeded, $"The gateway must accept while the broker is down. {duringNm}\n{deployment.Describe()}");
        Assert.True(pending > 0, $"The outbox should hold what could not be published, /health says {pending?.ToString() ?? "nothing"}.\n{deployment.Describe()}");
        await PipelineProbe.WaitForFindingsAsync(deployment, ct, before.Succeeded + during.Succeeded, Timeouts.Recovery);
        await PipelineProbe.WaitForFindingsAsync(deployment, nm, duringNm.Succeeded, Timeouts.Recovery);
        await Eventually.UntilAsync(async () => await deployment.OutboxPendingAsync() == 0, Timeouts.Recovery,
            () => $"the outbox draining.\n{deployment.Describe()}");
        await PipelineProbe.AssertCompleteAsync(deployment, ct, before.Succeeded + during.Succeeded);
        await PipelineProbe.AssertCompleteAsync(deployment, nm, duringNm.Succeeded);
    }
}
