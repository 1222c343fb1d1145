using System.Diagnostics;
using System.Text.Json;
using Imaging.Cli.Demo;
using Imaging.Cli.Serve;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Imaging.Cli.Tests.Demo;

/// <summary>`imaging serve --demo` in-process on free ports and a temporary data folder, with the default quiet timeout:
/// the demo patient's baseline and follow-up reach the store through our own SCP, the worker's comparisons match the
/// phantoms' truth, the results come back into our store, and a second start does not seed again.</summary>
public sealed class DemoSeedingTests(ITestOutputHelper output)
{
    /// <summary>The demo aims at a minute on this 2-core machine; other suites share it, so the bound is generous.</summary>
    private static readonly TimeSpan SeedBound = TimeSpan.FromSeconds(180);

    /// <summary>Longer than the bound, so a slow run fails on the bound with its time, not on a timeout without one.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task Demo_seeds_the_patient_through_the_scp_with_the_truths_comparisons_and_a_restart_does_not_seed_again()
    {
        using var temp = new TempFolder();
        var options = new ServeOptions { DataDirectory = temp.Path, HttpPort = FreePort.Next(), DicomPort = FreePort.Next() };

        DemoSeries series;
        int studyCount;
        var clock = Stopwatch.StartNew();
        await using (var host = await DemoHostRun.StartAsync(options, Timeout))
        {
            var outcome = await host.Seeder.Completion.WaitAsync(Timeout);
            var elapsed = clock.Elapsed;
            output.WriteLine($"demo seeded in {elapsed.TotalSeconds:F1} s from host start (seeder's own clock {outcome.Elapsed.TotalSeconds:F1} s)");
            Assert.True(outcome.Seeded);
            series = outcome.Series!;
            Assert.True(elapsed < SeedBound, $"seeding took {elapsed.TotalSeconds:F1} s");

            var findings = host.Services.GetRequiredService<IFindingsStore>();
            using var baselineBoneScan = await PayloadAsync(findings, series.BaselineBoneScanSeries, "bone-scan");
            Assert.True(baselineBoneScan.RootElement.GetProperty("lesions").GetArrayLength() > 0);

            using var followUpBoneScan = await PayloadAsync(findings, series.FollowUpBoneScanSeries, "bone-scan");
            var comparison = followUpBoneScan.RootElement.GetProperty("comparison");
            Assert.Equal(series.BaselineBoneScanStudy, comparison.GetProperty("priorStudyInstanceUid").GetString());
            Assert.Equal((series.ExpectedNew, series.ExpectedPersistent, series.ExpectedResolved),
                (comparison.GetProperty("newCount").GetInt32(), comparison.GetProperty("persistentCount").GetInt32(), comparison.GetProperty("resolvedCount").GetInt32()));

            using var baselineSpine = await PayloadAsync(findings, series.BaselineSpineSeries, "spine");
            Assert.Equal([DemoPhantoms.CementLevel], Strings(baselineSpine.RootElement.GetProperty("flaggedLevels")));

            using var followUpSpine = await PayloadAsync(findings, series.FollowUpSpineSeries, "spine");
            var spine = followUpSpine.RootElement;
            Assert.Contains(DemoPhantoms.NewFractureLevel, Strings(spine.GetProperty("flaggedLevels")));
            var cemented = spine.GetProperty("vertebrae").EnumerateArray().Where(v => v.GetProperty("cement").GetBoolean()).Select(v => v.GetProperty("level").GetString() ?? "").ToArray();
            Assert.Equal([DemoPhantoms.CementLevel], cemented);
            var spineComparison = spine.GetProperty("comparison");
            Assert.Equal(series.BaselineSpineStudy, spineComparison.GetProperty("priorStudyInstanceUid").GetString());
            Assert.Equal([DemoPhantoms.NewFractureLevel], Strings(spineComparison.GetProperty("newFractureLevels")));
            Assert.Equal([DemoPhantoms.CementLevel], Strings(spineComparison.GetProperty("cementAddedLevels")));
            var levels = spineComparison.GetProperty("levels").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetString()!);
            Assert.Equal("new-fracture", levels[DemoPhantoms.NewFractureLevel].GetProperty("status").GetString());
            Assert.True(levels[DemoPhantoms.CementLevel].GetProperty("cementAdded").GetBoolean());

            // The results destination is our own SCP: the follow-up spine study gains the SR, key image and KOS series.
            var queries = host.Services.GetRequiredService<IStudyQueries>();
            var spineStudy = spine.GetProperty("studyInstanceUid").GetString()!;
            await UntilAsync(async () => (await queries.GetStudyAsync(spineStudy, CancellationToken.None))?.Series
                .Select(s => s.Modality).ToHashSet() is { } modalities && modalities.IsSupersetOf(["CT", "SR", "KO"]), Timeout,
                "the follow-up spine study has its SR and KOS from the results destination");

            studyCount = (await queries.QueryStudiesAsync(new StudyQuery(PatientId: "DEMO-0001"), CancellationToken.None)).Count;
            Assert.Equal(4, studyCount);
        }

        await using (var again = await DemoHostRun.StartAsync(options, Timeout))
        {
            var outcome = await again.Seeder.Completion.WaitAsync(Timeout);
            Assert.False(outcome.Seeded);
            var queries = again.Services.GetRequiredService<IStudyQueries>();
            Assert.Equal(studyCount, (await queries.QueryStudiesAsync(new StudyQuery(PatientId: "DEMO-0001"), CancellationToken.None)).Count);
            var findings = again.Services.GetRequiredService<IFindingsStore>();
            Assert.Single(await findings.GetFindingsAsync(series.FollowUpBoneScanSeries, CancellationToken.None), r => r.Analyzer == "bone-scan");
        }
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();

    private static async Task<JsonDocument> PayloadAsync(IFindingsStore findings, string seriesUid, string analyzer)
    {
        var records = await findings.GetFindingsAsync(seriesUid, CancellationToken.None);
        var record = records.Where(r => r.Analyzer == analyzer).OrderByDescending(r => r.ProducedAt).FirstOrDefault();
        Assert.True(record is not null, $"no {analyzer} findings for series {seriesUid}");
        return JsonDocument.Parse(record.Payload);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) Assert.Fail($"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>One run of the demo host: started, listening, its seeder at hand; disposing stops it.</summary>
    private sealed class DemoHostRun : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private DemoHostRun(WebApplication app) => _app = app;

        public IServiceProvider Services => _app.Services;

        public DemoSeeder Seeder => _app.Services.GetRequiredService<DemoSeeder>();

        public static async Task<DemoHostRun> StartAsync(ServeOptions options, TimeSpan timeout)
        {
            var configuration = ServeConfiguration.Build(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
            var run = new DemoHostRun(ServeHost.Create(options, configuration));
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            run._app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            run._run = ((IHost)run._app).RunAsync(run._stop.Token);
            await Task.WhenAny(started.Task, run._run).WaitAsync(timeout);
            if (run._run.IsCompleted) await run._run; // surfaces why it could not start
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(60));
            _stop.Dispose();
        }
    }
}
