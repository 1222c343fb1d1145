using Imaging.Storage;

namespace Imaging.Export.Tests;

/// <summary>What every <see cref="IExportQueries"/> must answer alike; run once per store (SQLite, PostgreSQL).</summary>
public abstract class ExportQueriesContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private IImagingStore _store = null!;

    protected abstract Task<IImagingStore> OpenMigratedAsync();

    private IExportQueries Queries => (IExportQueries)_store;

    public async Task InitializeAsync()
    {
        _store = await OpenMigratedAsync();
        await AddAsync("PID-1", "1.1", "20240110", "1.1.1", "NM", 2);
        await AddAsync("PID-1", "1.2", "20240410", "1.2.1", "NM", 1);
        await AddAsync("PID-1", "1.2", "20240410", "1.2.2", "CT", 1);
        await AddAsync("PID-2", "2.1", "20230505", "2.1.1", "CT", 2);
        await AddAsync("PID-3", "3.1", "20220202", "3.1.1", "CT", 1);
        await AddAsync("PID-3", "3.1", "20220202", "3.1.2", "MR", 1);
        await FindingsAsync("1.1", "1.1.1", "bone-scan", "1.0", """{"lesionCount":3}""", T0);
        await FindingsAsync("1.2", "1.2.1", "bone-scan", "1.0", """{"lesionCount":6}""", T0);
        // An older spine document flagged T9; the newest one (later) flags T7 and L1: only the newest counts.
        await FindingsAsync("2.1", "2.1.1", "spine", "0.9", """{"flaggedLevels":["T9"]}""", T0);
        await FindingsAsync("2.1", "2.1.1", "spine", "1.0", """{"flaggedLevels":["T7","L1"]}""", T0.AddHours(1));
        await FindingsAsync("3.1", "3.1.1", "spine", "1.0", """{"flaggedLevels":[]}""", T0);
        await FindingsAsync("3.1", "3.1.1", "metadata", "1.0", """{"lesionCount":99,"flaggedLevels":["C1"]}""", T0);
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    private async Task AddAsync(string patient, string study, string date, string series, string modality, int count)
    {
        for (var i = count; i >= 1; i--)
        {
            await _store.RecordInstanceAsync(new InstanceRecord
            {
                PatientId = patient, PatientName = "DOE^" + patient, StudyInstanceUid = study, StudyDate = date, SeriesInstanceUid = series,
                Modality = modality, SopInstanceUid = $"{series}.{i}", SopClassUid = "1.2.840.10008.5.1.4.1.1.2", InstanceNumber = i,
                TransferSyntaxUid = "1.2.840.10008.1.2.1", BlobKey = $"{new string('a', 32)}/{new string('b', 32)}/{new string('c', 32)}.dcm",
                SizeBytes = 1000 + i, CallingAeTitle = "MODALITY", ReceivedAt = T0,
            }, TimeSpan.FromSeconds(30), None);
        }
    }

    private Task FindingsAsync(string study, string series, string analyzer, string version, string payload, DateTimeOffset at) =>
        ((IFindingsStore)_store).SaveFindingsAsync(new FindingsRecord(study, series, analyzer, version, 1, payload, at), None);

    private async Task<string[]> SopsAsync(ExportCohort cohort)
    {
        var sops = new List<string>();
        await foreach (var instance in Queries.StreamCohortInstancesAsync(cohort, None)) sops.Add(instance.SopInstanceUid);
        return [.. sops];
    }

    [Fact]
    public async Task Cohort_by_patient_list_streams_patient_study_series_instance_order()
    {
        Assert.Equal(["1.1.1.1", "1.1.1.2", "1.2.1.1", "1.2.2.1"], await SopsAsync(new ExportCohort(["PID-1"], [])));
        Assert.Equal(["1.1.1.1", "1.1.1.2", "1.2.1.1", "1.2.2.1", "3.1.1.1", "3.1.2.1"], await SopsAsync(new ExportCohort(["PID-3", "PID-1", "PID-1"], [])));
        Assert.Empty(await SopsAsync(new ExportCohort(["nobody"], [])));

        var first = await Queries.StreamCohortInstancesAsync(new ExportCohort(["PID-1"], []), None).FirstAsync();
        Assert.Equal(new ExportInstance("PID-1", "1.1", "20240110", "1.1.1", "NM", "1.1.1.1", "1.2.840.10008.5.1.4.1.1.2",
            $"{new string('a', 32)}/{new string('b', 32)}/{new string('c', 32)}.dcm", 1001), first);
    }

    [Fact]
    public async Task Cohort_by_modality_keeps_only_the_series_of_that_modality()
    {
        Assert.Equal(["1.2.2.1", "2.1.1.1", "2.1.1.2", "3.1.1.1"], await SopsAsync(new ExportCohort([], ["CT"])));
        Assert.Equal(["1.2.2.1", "3.1.1.1", "3.1.2.1"], await SopsAsync(new ExportCohort(["PID-1", "PID-3"], ["CT", "MR"])));
    }

    [Fact]
    public async Task Cohort_by_study_date_range_is_inclusive()
    {
        Assert.Equal(["1.1.1.1", "1.1.1.2", "2.1.1.1", "2.1.1.2"],
            await SopsAsync(new ExportCohort([], [], new DateOnly(2023, 5, 5), new DateOnly(2024, 1, 10))));
        Assert.Equal(["3.1.1.1", "3.1.2.1"], await SopsAsync(new ExportCohort([], [], StudyDateTo: new DateOnly(2022, 12, 31))));
    }

    [Fact]
    public async Task Cohort_by_lesion_count_reads_the_bone_scan_findings_of_the_study()
    {
        Assert.Equal(["1.2.1.1", "1.2.2.1"], await SopsAsync(new ExportCohort([], [], MinimumLesionCount: 5)));
        Assert.Equal(["1.1.1.1", "1.1.1.2", "1.2.1.1", "1.2.2.1"], await SopsAsync(new ExportCohort([], [], MinimumLesionCount: 3)));
        Assert.Empty(await SopsAsync(new ExportCohort([], [], MinimumLesionCount: 7)));
    }

    [Fact]
    public async Task Cohort_by_flagged_level_reads_only_the_newest_spine_findings()
    {
        Assert.Equal(["2.1.1.1", "2.1.1.2"], await SopsAsync(new ExportCohort([], [], FlaggedLevel: "T7")));
        Assert.Empty(await SopsAsync(new ExportCohort([], [], FlaggedLevel: "T9")));
        Assert.Empty(await SopsAsync(new ExportCohort([], [], FlaggedLevel: "C1")));
        Assert.Equal(["2.1.1.1", "2.1.1.2"], await SopsAsync(new ExportCohort([], [], AnyFlaggedLevel: true)));
    }

    [Fact]
    public async Task Cohort_size_counts_patients_studies_series_instances_and_bytes()
    {
        var size = await Queries.MeasureCohortAsync(new ExportCohort(["PID-1", "PID-2"], []), None);

        Assert.Equal(new ExportCohortSize(2, 3, 4, 6, 1001 + 1002 + 1001 + 1001 + 1001 + 1002), size);
        Assert.Equal(new ExportCohortSize(0, 0, 0, 0, 0), await Queries.MeasureCohortAsync(new ExportCohort(["nobody"], []), None));
    }

    [Fact]
    public async Task Cohort_findings_are_the_newest_document_per_series_and_analyzer()
    {
        var documents = await Queries.GetCohortFindingsAsync(new ExportCohort(["PID-2", "PID-3"], []), None);

        Assert.Equal([("2.1.1", "spine", "1.0"), ("3.1.1", "metadata", "1.0"), ("3.1.1", "spine", "1.0")],
            documents.Select(d => (d.SeriesInstanceUid, d.Analyzer, d.AnalyzerVersion)));
        Assert.Equal(("PID-2", "2.1", "20230505", "CT"), (documents[0].PatientId, documents[0].StudyInstanceUid, documents[0].StudyDate, documents[0].Modality));
        Assert.Contains("T7", documents[0].Payload, StringComparison.Ordinal);
        Assert.Empty(await Queries.GetCohortFindingsAsync(new ExportCohort([], ["MR"]), None));
    }

    [Fact]
    public async Task Invalid_cohort_values_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.MeasureCohortAsync(new ExportCohort([""], []), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.MeasureCohortAsync(new ExportCohort([], [new string('X', 17)]), None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Queries.MeasureCohortAsync(new ExportCohort([], [], new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)), None));
    }
}
