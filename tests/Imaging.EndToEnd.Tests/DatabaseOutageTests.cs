using System.Net;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>Fault: PostgreSQL is stopped during a send. Every instance sent meanwhile is refused to the sender (0xA700, out
/// of resources: the modality keeps it and retries), the API answers 503, nothing acknowledged before is lost, and the
/// resend succeeds.</summary>
[Collection(DistributedCollection.Name)]
public sealed class DatabaseOutageTests(DistributedInfrastructure infrastructure)
{
    [Fact]
    public async Task With_PostgreSQL_stopped_during_a_send_the_sender_sees_failures_and_the_resend_succeeds_with_nothing_lost()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 10);
        await using var deployment = await DistributedDeployment.StartAsync(infrastructure, workers: 1, Timeouts.Quiet);

        var before = await Storescu.SendAsync(deployment.DicomPort, ct.First(5));
        await infrastructure.StopDatabaseAsync();
        StoreOutcome during;
        HttpStatusCode apiWhileDown;
        try
        {
            during = await Storescu.SendAsync(deployment.DicomPort, ct.After(5));
            apiWhileDown = await deployment.Api.GetSeriesFindingsStatusAsync(ct.SeriesInstanceUid);
        }
        finally
        {
            await infrastructure.StartDatabaseAsync();
        }
        // As a modality's retry queue does: send the refused instances again until the gateway takes them. Right after the
        // restart its circuit breaker may still fail calls fast for a few seconds, by design.
        var resends = new List<StoreOutcome>();
        await Eventually.UntilAsync(async () =>
        {
            resends.Add(await Storescu.SendAsync(deployment.DicomPort, ct.After(5)));
            return resends[^1].AllSucceeded;
        }, Timeouts.Recovery, () => $"a resend accepted. Last: {resends.LastOrDefault()}\n{deployment.Describe()}");

        Assert.True(before.AllSucceeded, $"{before}\n{deployment.Describe()}");
        // Per file, in its C-STORE-RSP: 0xA700, which DCMTK names "Refused: OutOfResources" (storescu -nh itself still
        // exits 0 after failed stores).
        Assert.True(during.Succeeded == 0 && during.Failures.Count == during.Files && during.Failures.All(f => f == "Refused: OutOfResources"),
            $"Every instance sent while the database is down must be refused to the sender with 0xA700. {during}\n{deployment.Describe()}");
        Assert.True(apiWhileDown == HttpStatusCode.ServiceUnavailable, $"The API answered {apiWhileDown} while the database was down.\n{deployment.Describe()}");
        await PipelineProbe.WaitForFindingsAsync(deployment, ct, before.Succeeded + resends[^1].Succeeded, Timeouts.Recovery);
        await PipelineProbe.AssertCompleteAsync(deployment, ct, before.Succeeded + resends[^1].Succeeded);
    }
}
