using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>The embedded default end to end: `imaging serve` alone (SQLite, in-memory bus) receives a CT and an NM series
/// from DCMTK's storescu and shows their metadata findings within the quiet timeout plus a few seconds.</summary>
public sealed class EmbeddedPipelineTests
{
    [Fact]
    public async Task A_ct_and_an_nm_series_sent_by_storescu_get_metadata_findings_within_the_quiet_timeout_plus_a_few_seconds()
    {
        using var files = new TempFolder();
        var ct = TestSeries.CtSpine(files.File("ct"), slices: 8);
        var nm = TestSeries.NmWholeBody(files.File("nm"), images: 2);
        await using var deployment = await EmbeddedDeployment.StartAsync(Timeouts.Quiet);

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
