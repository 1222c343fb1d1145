using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Waits for a series to come out of the pipeline and counts it at every stage; failures carry every process's log.</summary>
public static class PipelineProbe
{
    /// <summary>Waits until the series is ready and its metadata findings describe <paramref name="sent"/> instances at its
    /// current ready version, then returns the findings. Fails after <paramref name="timeout"/> with the last answer and the logs.</summary>
    public static async Task<SeriesFindings> WaitForFindingsAsync(IDeployment deployment, TestSeries series, int sent, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(series);
        SeriesFindings? last = null;
        await Eventually.UntilAsync(async () =>
        {
            last = await deployment.Api.GetSeriesFindingsAsync(series.SeriesInstanceUid);
            return last is { IsProcessed: true } && last.Metadata.All(m => m.PayloadInstanceCount == sent);
        }, timeout, () => $"{series.Modality} series {series.SeriesInstanceUid}: metadata findings of {sent} instances. " +
            $"Last answer: {Shorten(last?.Json) ?? "none (not indexed, or the API did not answer)"}\n{deployment.Describe()}");
        return last!;
    }

    /// <summary>The series counted at every stage.</summary>
    public static async Task<InstanceCounts> CountAsync(IDeployment deployment, TestSeries series, int sent)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(series);
        var stored = BlobFolder.CountSeriesFiles(deployment.DataDirectory, series.StudyInstanceUid, series.SeriesInstanceUid);
        var indexed = await deployment.Api.GetIndexedInstanceCountAsync(series.StudyInstanceUid, series.SeriesInstanceUid);
        var findings = await deployment.Api.GetSeriesFindingsAsync(series.SeriesInstanceUid);
        var processed = findings?.Metadata is [var only] ? only.PayloadInstanceCount : null;
        return new InstanceCounts(sent, stored, indexed, processed);
    }

    /// <summary>Asserts sent = stored = indexed = processed, and exactly one metadata findings record of the series' modality
    /// and content kind; the message names the counts and shows the logs.</summary>
    public static async Task AssertCompleteAsync(IDeployment deployment, TestSeries series, int sent)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(series);
        var counts = await CountAsync(deployment, series, sent);
        var findings = await deployment.Api.GetSeriesFindingsAsync(series.SeriesInstanceUid);
        var problems = new List<string>();
        if (sent != series.Files.Count) problems.Add($"only {sent} of {series.Files.Count} files were sent successfully");
        if (!counts.AllEqual) problems.Add($"counts differ: {counts}");
        if (findings is null) problems.Add("no findings answer");
        else
        {
            if (findings.Metadata.Count != 1) problems.Add($"{findings.Metadata.Count} metadata findings records, expected exactly one");
            if (findings.Metadata.Any(m => m.PayloadModality != series.Modality || m.ContentKind != series.ContentKind))
                problems.Add($"metadata findings do not say {series.Modality} / {series.ContentKind}");
            if (findings.Modality != series.Modality) problems.Add($"series modality {findings.Modality}, expected {series.Modality}");
        }
        if (problems.Count > 0)
            Assert.Fail($"{series.Modality} series {series.SeriesInstanceUid}: {string.Join("; ", problems)}.\n" +
                $"Findings: {Shorten(findings?.Json) ?? "none"}\n{deployment.Describe()}");
    }

    /// <summary>The start of a findings body: enough to see the state and counts, not every instance's metadata.</summary>
    private static string? Shorten(string? json) => json is { Length: > 1500 } ? json[..1500] + " [...]" : json;
}
