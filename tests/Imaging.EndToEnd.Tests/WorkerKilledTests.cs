using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>Fault: a worker is killed with SIGKILL in the middle of a job. The broker redelivers the unacknowledged
/// SeriesReady to the other worker, which finishes it: exactly one findings record, every instance counted.</summary>
[Collection(DistributedCollection.Name)]
public sealed class WorkerKilledTests(DistributedInfrastructure infrastructure)
{
    [Fact]
    public async Task A_worker_killed_during_a_job_leaves_it_to_the_other_worker_and_the_series_gets_exactly_one_findings_record()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 6);
        await using var deployment = await DistributedDeployment.StartAsync(infrastructure, workers: 2, Timeouts.Quiet);
        // The worker that takes the job reads the headers, then waits here to store its findings: mid-job, at a known point.
        await using var findingsLock = await FindingsTableLock.TakeAsync(deployment.Postgres);

        var sent = await Storescu.SendAsync(deployment.DicomPort, ct.Files);
        Assert.True(sent.AllSucceeded, $"{sent}\n{deployment.Describe()}");
        var started = $"Series {ct.SeriesInstanceUid} ready version 1:";
        ServeProcess? victim = null;
        await Eventually.UntilAsync(() => (victim = deployment.Workers.FirstOrDefault(w => w.Printed(started))) is not null,
            Timeouts.Findings(Timeouts.Quiet), () => $"a worker starting the job.\n{deployment.Describe()}");
        var survivor = deployment.Workers.Single(w => w != victim);
        await findingsLock.WaitUntilBlockedAsync(victim!.Name, Timeouts.Recovery, deployment.Describe);

        await deployment.KillWorkerAsync(victim);
        await findingsLock.TerminateSessionsAsync(victim.Name, Timeouts.Recovery);
        await findingsLock.ReleaseAsync();

        var findings = await PipelineProbe.WaitForFindingsAsync(deployment, ct, sent.Succeeded, Timeouts.Recovery);
        await PipelineProbe.AssertCompleteAsync(deployment, ct, sent.Succeeded);
        var stored = $"Series {ct.SeriesInstanceUid}: metadata 1 findings stored";
        Assert.False(victim.Printed(stored), $"The killed worker stored findings before it died.\n{deployment.Describe()}");
        Assert.True(survivor.Printed(started) && survivor.Printed(stored), $"The job was not redelivered to {survivor.Name}.\n{deployment.Describe()}");
        Assert.True(findings.ReadyVersion == 1, $"The series was made ready {findings.ReadyVersion} times, expected once.\n{deployment.Describe()}");
    }
}
