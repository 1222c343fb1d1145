using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests;

/// <summary>What every <see cref="IPatientQueries"/> must answer alike; run once per store (SQLite, PostgreSQL).</summary>
public abstract class PatientQueriesContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private IImagingStore _store = null!;

    protected abstract Task<IImagingStore> OpenMigratedAsync();

    private IPatientQueries Queries => (IPatientQueries)_store;

    public async Task InitializeAsync()
    {
        _store = await OpenMigratedAsync();
        await AddAsync("P1", "DOE^JOHN", "19500310", "1.1", "20240101", "1.1.1", "NM");
        await AddAsync("P1", "DOE^JOHN", "19500310", "1.2", "20250101", "1.2.1", "NM");
        await AddAsync("P2", "DOE^JANE", "19620704", "2.1", "20240601", "2.1.1", "CT");
        await AddAsync("P3", "SMITH^JOHN^A", "19701231", "3.1", "20230301", "3.1.1", "CT");
        await AddAsync("Q4", "JOHNSON^ALICE", "19450101", "4.1", "20220202", "4.1.1", "MR");
        await AddAsync("Q5", null, null, "5.1", null, "5.1.1", "CT");
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    private Task AddAsync(string patient, string? name, string? birth, string study, string? date, string series, string modality,
        string? description = "Axial", string? sop = null, DateTimeOffset? receivedAt = null) =>
        _store.RecordInstanceAsync(Create(study, series, sop ?? series + ".1", receivedAt, patient, modality, date) with
        {
            PatientName = name, PatientBirthDate = birth, SeriesDescription = description,
        }, Quiet, None);

    private async Task<string[]> IdsAsync(PatientSearch search) => [.. (await Queries.SearchPatientsAsync(search, None)).Items.Select(p => p.PatientId)];

    [Fact]
    public async Task Fuzzy_query_matches_each_word_at_the_start_of_a_name_component()
    {
        Assert.Equal(["P1"], await IdsAsync(new PatientSearch(Query: "doe jo")));
        Assert.Equal(["P1", "Q4", "P3"], await IdsAsync(new PatientSearch(Query: "jo")));
        Assert.Equal(["P3"], await IdsAsync(new PatientSearch(Query: "john smith")));
        Assert.Empty(await IdsAsync(new PatientSearch(Query: "ohn")));
    }

    [Fact]
    public async Task Query_matches_a_patient_id_prefix()
    {
        Assert.Equal(["Q4", "Q5"], await IdsAsync(new PatientSearch(Query: "Q")));
        Assert.Equal(["P2"], await IdsAsync(new PatientSearch(Query: "P2")));
    }

    [Fact]
    public async Task Name_matches_pn_wildcards_case_insensitively()
    {
        Assert.Equal(["P2", "P1"], await IdsAsync(new PatientSearch(NamePattern: "doe^j*")));
        Assert.Equal(["P2"], await IdsAsync(new PatientSearch(NamePattern: "D?E^JAN?")));
        Assert.Equal(["Q4"], await IdsAsync(new PatientSearch(NamePattern: "*SON*")));
        Assert.Empty(await IdsAsync(new PatientSearch(NamePattern: "DOE")));
        Assert.Empty(await IdsAsync(new PatientSearch(NamePattern: "DOE%")));
        Assert.Empty(await IdsAsync(new PatientSearch(NamePattern: "DOE_JOHN")));
        Assert.Empty(await IdsAsync(new PatientSearch(NamePattern: "[D]OE*")));
        Assert.Equal(["P1"], await IdsAsync(new PatientSearch(NamePattern: "doe jo", NameFuzzy: true)));
    }

    [Fact]
    public async Task Birth_date_range_and_pagination_give_the_total_of_all_matches()
    {
        Assert.Equal(["P1", "Q4"], await IdsAsync(new PatientSearch(BirthDateFrom: "19450101", BirthDateTo: "19500310")));

        var page = await Queries.SearchPatientsAsync(new PatientSearch(Limit: 2, Offset: 1), None);

        Assert.Equal(5, page.Total);
        Assert.Equal(["P1", "Q4"], page.Items.Select(p => p.PatientId));
        var all = await IdsAsync(new PatientSearch());
        Assert.Equal(["P2", "P1", "Q4", "P3", "Q5"], all[..5]);
        Assert.Equal("Q5", all[^1]);
        var past = await Queries.SearchPatientsAsync(new PatientSearch(Offset: 100), None);
        Assert.Equal((0, 5), (past.Items.Count, past.Total));
        Assert.Equal(0, (await Queries.SearchPatientsAsync(new PatientSearch(Query: "nobody"), None)).Total);
    }

    [Fact]
    public async Task A_patient_has_its_study_count_and_latest_study_date()
    {
        var patient = await Queries.GetPatientAsync("P1", None);

        Assert.Equal(new PatientSummary("P1", "DOE^JOHN", "19500310", "F", 2, "20250101"), patient);
        Assert.Null(await Queries.GetPatientAsync("nobody", None));
    }

    [Fact]
    public async Task Timeline_lists_studies_oldest_first_with_the_latest_findings_summary()
    {
        await SaveAsync("1.1", "1.1.1", "bone-scan", "1.0", """{"lesionCount":3,"extentOfDiseaseGrade":1,"status":"analysed","comparison":null}""", 0);
        await SaveAsync("1.2", "1.2.1", "bone-scan", "1.0",
            """{"lesionCount":"x","status":"analysed","comparison":{"priorStudyInstanceUid":"1.1","newCount":2,"persistentCount":3,"resolvedCount":1}}""", 1);
        await SaveAsync("1.2", "1.2.1", "bone-scan", "1.1",
            """{"lesionCount":5,"extentOfDiseaseGrade":1,"status":"analysed","comparison":{"priorStudyInstanceUid":"1.1","newCount":2,"persistentCount":3,"resolvedCount":0}}""", 2);
        await SaveAsync("1.2", "1.2.1", "spine", "2.0", """{"modality":"CT","labelConfidence":"high","flaggedLevels":["T5","L1"]}""", 3);

        var studies = await Queries.GetPatientStudiesAsync("P1", None);

        Assert.Equal(["1.1", "1.2"], studies.Select(s => s.StudyInstanceUid));
        var first = Assert.Single(Assert.Single(studies[0].Series).Findings);
        Assert.Equal((3, 1, "analysed", (int?)null), (first.LesionCount!.Value, first.ExtentOfDiseaseGrade!.Value, first.Status, first.NewCount));
        var series = Assert.Single(studies[1].Series);
        Assert.Equal(("1.2.1", "NM", 1), (series.SeriesInstanceUid, series.Modality, series.InstanceCount));
        Assert.Equal(["bone-scan", "spine"], series.Findings.Select(f => f.Analyzer));
        var bone = series.Findings[0];
        Assert.Equal(("1.1", 5, 2, 3, 0, "1.1"), (bone.AnalyzerVersion, bone.LesionCount!.Value, bone.NewCount!.Value, bone.PersistentCount!.Value,
            bone.ResolvedCount!.Value, bone.PriorStudyInstanceUid));
        var spine = series.Findings[1];
        Assert.Equal(["T5", "L1"], spine.FlaggedLevels!);
        Assert.Equal(("high", "CT", (int?)null), (spine.LabelConfidence, spine.Modality, spine.LesionCount));
        Assert.Empty(await Queries.GetPatientStudiesAsync("nobody", None));
    }

    [Fact]
    public async Task Finding_search_filters_on_the_json_and_counts_all_matches()
    {
        await SaveAsync("1.1", "1.1.1", "bone-scan", "1.0", """{"lesionCount":3,"comparison":null}""", 0);
        await SaveAsync("1.2", "1.2.1", "bone-scan", "1.0", """{"lesionCount":7,"comparison":{"newCount":4}}""", 1);
        await SaveAsync("2.1", "2.1.1", "spine", "1.0", """{"modality":"CT","flaggedLevels":["T5","L1"]}""", 2);
        await SaveAsync("3.1", "3.1.1", "spine", "1.0", """{"modality":"CT","flaggedLevels":["T12"]}""", 3);

        async Task<string[]> Series(FindingSearch s) => [.. (await Queries.SearchFindingsAsync(s, None)).Items.Select(i => i.SeriesInstanceUid)];

        Assert.Equal(["1.2.1", "1.1.1"], await Series(new FindingSearch(Analyzer: "bone-scan")));
        Assert.Equal(["1.2.1"], await Series(new FindingSearch(MinLesionCount: 4)));
        Assert.Equal(["1.1.1"], await Series(new FindingSearch(Analyzer: "bone-scan", MaxLesionCount: 3)));
        Assert.Equal(["1.2.1"], await Series(new FindingSearch(NewLesionsOnly: true)));
        Assert.Equal(["2.1.1"], await Series(new FindingSearch(Level: "T5")));
        Assert.Equal(["2.1.1", "3.1.1"], await Series(new FindingSearch(Modality: "CT")));
        Assert.Equal(["1.2.1", "2.1.1"], await Series(new FindingSearch(From: new DateOnly(2024, 6, 1))));
        var page = await Queries.SearchFindingsAsync(new FindingSearch(Limit: 1, Offset: 1), None);
        Assert.Equal(4, page.Total);
        Assert.Equal(4, (await Queries.SearchFindingsAsync(new FindingSearch(Offset: 10), None)).Total);
        var row = Assert.Single(page.Items);
        Assert.Equal(("P2", "DOE^JANE", "20240601", "20240601"), (row.PatientId, row.PatientName, row.StudyDate, row.FirstStudyDate));
        Assert.Equal(["T5", "L1"], row.FlaggedLevels);
        var bone = (await Queries.SearchFindingsAsync(new FindingSearch(NewLesionsOnly: true), None)).Items[0];
        Assert.Equal((7, 4, "20240101"), (bone.LesionCount!.Value, bone.NewCount!.Value, bone.FirstStudyDate));
    }

    [Fact]
    public async Task Instances_by_series_description_are_newest_first_and_limited_to_the_studies_named()
    {
        await AddAsync("P1", "DOE^JOHN", "19500310", "1.1", "20240101", "1.1.9", "OT", "Spine key image", "1.1.9.1", T0.AddMinutes(1));
        await AddAsync("P1", "DOE^JOHN", "19500310", "1.2", "20250101", "1.2.9", "OT", "Spine key image", "1.2.9.1", T0.AddMinutes(2));
        await AddAsync("P1", "DOE^JOHN", "19500310", "1.2", "20250101", "1.2.8", "OT", "Bone scan key image", "1.2.8.1", T0.AddMinutes(3));

        var found = await Queries.FindInstancesBySeriesDescriptionAsync("P1", ["1.1", "1.2"], "Spine key image", 10, None);
        var one = await Queries.FindInstancesBySeriesDescriptionAsync("P1", ["1.1"], "Spine key image", 10, None);
        var instances = await Queries.GetSeriesInstancesAsync("1.2.1", 10, None);

        Assert.Equal(["1.2.9.1", "1.1.9.1"], found.Select(i => i.SopInstanceUid));
        Assert.Equal(["1.1.9.1"], one.Select(i => i.SopInstanceUid));
        Assert.Empty(await Queries.FindInstancesBySeriesDescriptionAsync("P2", ["1.1"], "Spine key image", 10, None));
        Assert.Equal(("1.2", "1.2.1.1"), (Assert.Single(instances).StudyInstanceUid, instances[0].SopInstanceUid));
    }

    private Task SaveAsync(string study, string series, string analyzer, string version, string payload, int minutes) =>
        _store.SaveFindingsAsync(new FindingsRecord(study, series, analyzer, version, 1, payload, T0.AddMinutes(minutes)), None);
}
