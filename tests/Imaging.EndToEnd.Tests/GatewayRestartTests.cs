using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>Fault: the gateway is restarted (SIGTERM, then started again on the same data folder and database) in the
/// middle of a series. The series' quiet deadline lives in the database, so the series still completes, once, with
/// every instance.</summary>
[Collection(DistributedCollection.Name)]
public sealed class GatewayRestartTests(DistributedInfrastructure infrastructure)
{
    /// <summary>Comfortably longer than a gateway restart (5-8 s here: about 2 s from SIGTERM to exit, then start-up), so the
    /// series must stay open across it: the deadline the restarted gateway finds is the one in the database.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_series_whose_gateway_restarts_half_way_completes_once_with_every_instance()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 10);
        await using var deployment = await DistributedDeployment.StartAsync(infrastructure, workers: 1, Quiet);

        var before = await Storescu.SendAsync(deployment.DicomPort, ct.First(5));
        var restart = Stopwatch.StartNew();
        await deployment.RestartGatewayAsync();
        restart.Stop();
        var after = await Storescu.SendAsync(deployment.DicomPort, ct.After(5));

        Assert.True(before.AllSucceeded, $"{before}\n{deployment.Describe()}");
        Assert.True(after.AllSucceeded, $"{after}\n{deployment.Describe()}");
        var findings = await PipelineProbe.WaitForFindingsAsync(deployment, ct, before.Succeeded + after.Succeeded, Timeouts.Findings(Quiet));
        await PipelineProbe.AssertCompleteAsync(deployment, ct, before.Succeeded + after.Succeeded);
        Assert.True(findings.ReadyVersion == 1,
            $"The series completed {findings.ReadyVersion} times; the restart took {restart.Elapsed.TotalSeconds:0.0} s of its {Quiet.TotalSeconds} s quiet timeout.\n{deployment.Describe()}");
    }
}
