using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Contracts;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Imaging.Worker.Refresh;
using Microsoft.Extensions.Logging.Abstractions;

namespace Imaging.Worker.Tests.Refresh;

/// <summary>The follow-up analysed before its baseline arrived is sent round again once the baseline's findings are kept,
/// exactly once, and never for an older prior or a comparison already right (real SQLite store).</summary>
public sealed class PriorRefresherTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempFolder _folder = new();
    private readonly SqliteImagingStore _store;
    private readonly PriorRefresher _refresher;

    public PriorRefresherTests()
    {
        _store = new SqliteImagingStore(_folder.File("index.db"));
        _refresher = new PriorRefresher(_store, _store, new StorePriorFindingsSource(_store, _store), _store, TimeProvider.System,
            NullLogger<PriorRefresher>.Instance);
    }

    public async Task InitializeAsync()
    {
        await _store.MigrateAsync(None);
        await RecordAsync("9.1", "9.1.1", "20260601");
        await RecordAsync("9.2", "9.2.1", "20260101");
        await RecordAsync("9.3", "9.3.1", "20250101");
        Assert.Equal(3, (await _store.CompleteDueSeriesAsync(T0.AddHours(1), 10, None)).Count);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_baseline_kept_after_its_follow_up_reopens_the_follow_up_once()
    {
        await SaveAsync("9.1", "9.1.1", new DateOnly(2026, 6, 1), 1, prior: null);
        var baseline = await SaveAsync("9.2", "9.2.1", new DateOnly(2026, 1, 1), 1, prior: null);

        var reopened = await _refresher.RefreshAsync(baseline, None);
        var redelivered = await _refresher.RefreshAsync(baseline, None);

        var ready = Assert.Single(reopened);
        Assert.Equal(("9.1", "9.1.1", 2), (ready.StudyInstanceUid, ready.SeriesInstanceUid, ready.ReadyVersion));
        Assert.Empty(redelivered);
    }

    [Fact]
    public async Task A_follow_up_already_compared_with_the_newest_prior_is_not_reopened()
    {
        var baseline = await SaveAsync("9.2", "9.2.1", new DateOnly(2026, 1, 1), 1, prior: null);
        var followUp = await SaveAsync("9.1", "9.1.1", new DateOnly(2026, 6, 1), 1, prior: "9.2");

        Assert.Empty(await _refresher.RefreshAsync(baseline, None));
        Assert.Empty(await _refresher.RefreshAsync(followUp, None));
    }

    [Fact]
    public async Task An_older_prior_arriving_late_does_not_reopen_a_follow_up_compared_with_a_newer_one()
    {
        await SaveAsync("9.2", "9.2.1", new DateOnly(2026, 1, 1), 1, prior: null);
        await SaveAsync("9.1", "9.1.1", new DateOnly(2026, 6, 1), 1, prior: "9.2");
        var older = await SaveAsync("9.3", "9.3.1", new DateOnly(2025, 1, 1), 1, prior: null);

        var reopened = await _refresher.RefreshAsync(older, None);

        // The 2026-01 scan had no comparison: the 2025 one is now its prior; the 2026-06 follow-up keeps the 2026-01 one.
        Assert.Equal(["9.2.1"], reopened.Select(r => r.SeriesInstanceUid));
    }

    private async Task RecordAsync(string study, string series, string date) =>
        await _store.RecordInstanceAsync(new InstanceRecord
        {
            PatientId = "P1", StudyInstanceUid = study, StudyDate = date, SeriesInstanceUid = series, Modality = "NM",
            SopInstanceUid = series + ".1", SopClassUid = "1.2.840.10008.5.1.4.1.1.20", TransferSyntaxUid = "1.2.840.10008.1.2.1",
            BlobKey = new string('a', 32) + "/" + new string('b', 32) + "/" + new string('c', 32) + ".dcm", SizeBytes = 100,
            CallingAeTitle = "MODALITY", ReceivedAt = T0,
        }, TimeSpan.FromSeconds(10), None);

    /// <summary>Keeps bone-scan findings of a series (compared with <paramref name="prior"/>'s study, or none) and returns their announcement.</summary>
    private async Task<FindingsProduced> SaveAsync(string study, string series, DateOnly date, int readyVersion, string? prior)
    {
        var findings = new BoneScanFindings
        {
            AnalyzerVersion = "test", StudyInstanceUid = study, SeriesInstanceUid = series, SeriesDate = date, Status = TracerStatus.Analysed,
            Qc = new BoneScanQc(), LesionCount = 0,
            Comparison = prior is null ? null : new BoneScanComparison
            {
                PriorStudyInstanceUid = prior, PriorSeriesInstanceUid = prior + ".1", PriorLesionCount = 0, CurrentLesionCount = 0, NewCount = 0,
                PersistentCount = 0, ResolvedCount = 0, Alignment = new ComparisonAlignment { Method = "identity" },
                Progression = new ProgressionRuleNote("2+2", 0, default, ""),
            },
        };
        var record = new FindingsRecord(study, series, BoneScanAnalyzer.AnalyzerName, "test", readyVersion,
            JsonSerializer.Serialize(findings, BoneScanJsonContext.Default.BoneScanFindings), T0);
        Assert.True(await _store.SaveFindingsAsync(record, None));
        return new FindingsProduced(study, series, record.Analyzer, record.AnalyzerVersion, readyVersion, T0);
    }
}
