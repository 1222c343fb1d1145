using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>The distributed mode end to end: gateway, two competing workers and the API as separate processes over a real
/// RabbitMQ and PostgreSQL, sharing the data folder; storescu sends a CT and an NM series.</summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedPipelineTests(DistributedInfrastructure infrastructure)
{
    [Fact]
    public async Task A_ct_and_an_nm_series_sent_by_storescu_get_metadata_findings_within_the_quiet_timeout_plus_a_few_seconds()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 8);
        var nm = TestSeries.NmWholeBody(files.File("nm"), images: 2, studyInstanceUid: ct.StudyInstanceUid);
        await using var deployment = await DistributedDeployment.StartAsync(infrastructure, workers: 2, Timeouts.Quiet);

        var sentCt = await Storescu.SendAsync(deployment.DicomPort, ct.Files);
        var sentNm = await Storescu.SendAsync(deployment.DicomPort, nm.Files);
        var sinceLastSend = Stopwatch.StartNew();

        Assert.True(sentCt.AllSucceeded, $"{sentCt}\n{deployment.Describe()}");
        Assert.True(sentNm.AllSucceeded, $"{sentNm}\n{deployment.Describe()}");
        var deadline = Timeouts.Findings(Timeouts.Quiet);
        await PipelineProbe.WaitForFindingsAsync(deployment, ct, sentCt.Succeeded, deadline - sinceLastSend.Elapsed);
        await PipelineProbe.WaitForFindingsAsync(deployment, nm, sentNm.Succeeded, deadline - sinceLastSend.Elapsed);
        await PipelineProbe.AssertCompleteAsync(deployment, ct, sentCt.Succeeded);
        await PipelineProbe.AssertCompleteAsync(deployment, nm, sentNm.Succeeded);
    }
}
