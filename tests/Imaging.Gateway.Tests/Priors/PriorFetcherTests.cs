using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway.Priors;
using Imaging.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Imaging.Gateway.Tests.Priors;

/// <summary>Look-ups and retrievals against a scripted PACS, with their bookkeeping in a real SQLite store.</summary>
public sealed class PriorFetcherTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempFolder _folder = new();
    private readonly SqliteImagingStore _store;
    private readonly ScriptedPacsClient _pacs = new();
    private readonly ManualTime _time = new(Now);
    private readonly PriorsOptions _options = new()
    {
        Enabled = true,
        MaximumAttempts = 2,
        InitialBackoff = TimeSpan.FromMinutes(1),
        MaximumBackoff = TimeSpan.FromMinutes(10),
        Sources = [new PriorSourceOptions { Name = "pacs", AeTitle = "PACS", Host = "127.0.0.1", Port = 104, LookBackDays = 365 }],
    };

    public PriorFetcherTests() => _store = new SqliteImagingStore(_folder.File("index.db"));

    public Task InitializeAsync() => _store.MigrateAsync(None);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private PriorFetcher Fetcher() => new(_store, _pacs, _options, "IMAGING", _time, NullLogger<PriorFetcher>.Instance);

    [Fact]
    public async Task A_look_up_asks_for_each_modality_in_the_window_and_records_the_priors_to_retrieve()
    {
        await ArriveAsync("2.1", "20260301");
        _pacs.Studies.AddRange([
            new("2.0.1", "P1", "20251201", ["NM"], 2),
            new("2.0.2", "P1", "20251101", ["CT", "MR"], 200),
            new("2.0.3", "P1", "20251001", ["US"], 5),
        ]);

        Assert.True(await Fetcher().RunQueryAsync(None));

        var studyFinds = _pacs.Finds.Where(f => f.Level == QueryRetrieveLevel.Study).ToList();
        Assert.Equal(["NM", "CT", "MR"], studyFinds.Select(f => f.Identifier.GetString(DicomTags.ModalitiesInStudy)));
        Assert.All(studyFinds, f =>
        {
            Assert.Equal("P1", f.Identifier.GetString(DicomTags.PatientID));
            Assert.Equal("20250301-20260301", f.Identifier.GetString(DicomTags.StudyDate));
            Assert.Equal("IMAGING", f.CallingAe);
        });
        Assert.Equal("pending", (await _store.GetPriorFetchAsync("2.0.1", None))!.State);
        Assert.Equal("pending", (await _store.GetPriorFetchAsync("2.0.2", None))!.State);
        Assert.Null(await _store.GetPriorFetchAsync("2.0.3", None));
        Assert.Equal("done", (await _store.GetPriorQueryAsync("2.1", None))!.State);
    }

    [Fact]
    public async Task A_pacs_ignoring_modalities_in_study_is_asked_per_series()
    {
        await ArriveAsync("3.1", "20260301");
        _pacs.IgnoresModalitiesInStudy = true;
        _pacs.Studies.AddRange([new("3.0.1", "P1", "20251201", ["OT", "NM"], 2), new("3.0.2", "P1", "20251101", ["US"], 5)]);

        await Fetcher().RunQueryAsync(None);

        Assert.Equal(2, _pacs.Finds.Count(f => f.Level == QueryRetrieveLevel.Series));
        Assert.NotNull(await _store.GetPriorFetchAsync("3.0.1", None));
        Assert.Null(await _store.GetPriorFetchAsync("3.0.2", None));
    }

    [Fact]
    public async Task A_study_already_held_is_not_retrieved()
    {
        await ArriveAsync("4.1", "20260301");
        await RecordAsync("4.0.1", "4.0.1.1", "20251201", 2);
        _pacs.Studies.Add(new("4.0.1", "P1", "20251201", ["NM"], 2));

        await Fetcher().RunQueryAsync(None);

        Assert.Null(await _store.GetPriorFetchAsync("4.0.1", None));
    }

    [Fact]
    public async Task A_failed_look_up_is_retried_after_its_backoff_and_given_up_after_the_last_attempt()
    {
        await ArriveAsync("5.1", "20260301");
        _pacs.FindFailure = new IOException("rejected by test");

        Assert.True(await Fetcher().RunQueryAsync(None));
        var first = await _store.GetPriorQueryAsync("5.1", None);
        Assert.Equal(("pending", 1), (first!.State, first.Attempts));
        Assert.InRange(first.NextAttemptAt, Now + TimeSpan.FromSeconds(48), Now + TimeSpan.FromSeconds(72));
        Assert.False(await Fetcher().RunQueryAsync(None));

        _time.Set(first.NextAttemptAt);
        Assert.True(await Fetcher().RunQueryAsync(None));
        var last = await _store.GetPriorQueryAsync("5.1", None);
        Assert.Equal(("failed", 2), (last!.State, last.Attempts));
        Assert.Contains("rejected by test", last.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retrieval_moves_the_study_to_our_ae_once_and_a_partial_one_is_retried()
    {
        await _store.AddPriorFetchesAsync([new PriorFetchRequest("6.0.1", "P1", "pacs", "20251201", 2)], Now, None);
        _pacs.MoveResult = new(0xB000, 1, 1, 0, null);

        Assert.True(await Fetcher().RunFetchAsync(None));
        var partial = await _store.GetPriorFetchAsync("6.0.1", None);
        Assert.Equal("pending", partial!.State);
        Assert.Contains("0xB000", partial.LastError, StringComparison.Ordinal);

        _pacs.MoveResult = new(0x0000, 2, 0, 0, null);
        _time.Set(partial.NextAttemptAt);
        Assert.True(await Fetcher().RunFetchAsync(None));
        Assert.False(await Fetcher().RunFetchAsync(None));

        Assert.Equal("done", (await _store.GetPriorFetchAsync("6.0.1", None))!.State);
        Assert.Equal([("IMAGING", "6.0.1", "IMAGING"), ("IMAGING", "6.0.1", "IMAGING")], _pacs.Moves);
    }

    private async Task ArriveAsync(string study, string date)
    {
        await RecordAsync(study, study + ".1", date, 1);
        Assert.True(await _store.RequestPriorQueryAsync(study, Now, None));
    }

    private async Task RecordAsync(string study, string series, string date, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await _store.RecordInstanceAsync(new InstanceRecord
            {
                PatientId = "P1", StudyInstanceUid = study, StudyDate = date, SeriesInstanceUid = series, Modality = "NM",
                SopInstanceUid = $"{series}.{i}", SopClassUid = "1.2.840.10008.5.1.4.1.1.20", TransferSyntaxUid = "1.2.840.10008.1.2.1",
                BlobKey = new string('a', 32) + "/" + new string('b', 32) + "/" + new string('c', 32) + ".dcm", SizeBytes = 100,
                CallingAeTitle = "MODALITY", ReceivedAt = Now,
            }, TimeSpan.FromSeconds(10), None);
        }
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
