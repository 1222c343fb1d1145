using Imaging.Storage.DicomWeb;
using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests;

/// <summary>What every <see cref="IDicomWebQueries"/> must answer, the same on each store; run by a derived class per store.</summary>
public abstract class QidoQueryContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected const string StudyA = "1.2.826.0.1.3680043.10.9.1";
    protected const string StudyB = "1.2.826.0.1.3680043.10.9.2";
    protected const string StudyC = "1.2.826.0.1.3680043.10.9.3";
    protected const string StudyD = "1.2.826.0.1.3680043.10.9.4";

    private IImagingStore _store = null!;

    protected abstract Task<IImagingStore> OpenMigratedAsync();

    private IDicomWebQueries Queries => (IDicomWebQueries)_store;

    public async Task InitializeAsync()
    {
        _store = await OpenMigratedAsync();
        // A: Doe^Jane 2024-03-01, NM (3 instances) + CT (2).  B: DOE^JOHN 2023-06-15, CT.  C: Smith^Anna 2022-01-10, MR.
        // D: Müller^Jörg without a date, NM, with an accession full of SQL pattern characters.
        await RecordAsync(StudyA, "PA", "Doe^Jane", "20240301", "ACC-A", "NM", 1, 3);
        await RecordAsync(StudyA, "PA", "Doe^Jane", "20240301", "ACC-A", "CT", 2, 2);
        await RecordAsync(StudyB, "PB", "DOE^JOHN", "20230615", "ACC-B", "CT", 1, 1);
        await RecordAsync(StudyC, "PC", "Smith^Anna", "20220110", "ACC-C", "MR", 1, 1);
        await RecordAsync(StudyD, "PD", "Müller^Jörg", null, "X[1]_%", "NM", 1, 1);
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    private async Task RecordAsync(string study, string patientId, string name, string? date, string accession, string modality, int seriesNumber, int count)
    {
        var series = $"{study}.{seriesNumber}";
        for (var i = count; i >= 1; i--)
        {
            await _store.RecordInstanceAsync(Create(study, series, $"{series}.{i}", patientId: patientId, modality: modality, studyDate: date, instanceNumber: i) with
            {
                PatientName = name,
                AccessionNumber = accession,
                SeriesNumber = seriesNumber,
                SeriesDescription = $"{modality} series",
            }, Quiet, None);
        }
    }

    private static QidoCondition C(QidoAttribute attribute, QidoMatchKind kind, params string[] values) => new(attribute, kind, values);

    private async Task<List<string>> StudiesAsync(params QidoCondition[] conditions) =>
        [.. (await Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, conditions, 100, 0), None)).Items.Select(s => s.Study.StudyInstanceUid)];

    [Fact]
    public async Task Studies_come_newest_first_with_modalities_and_counts()
    {
        var page = await Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 100, 0), None);

        Assert.False(page.HasMore);
        Assert.Equal([StudyA, StudyB, StudyC, StudyD], page.Items.Select(s => s.Study.StudyInstanceUid));
        var a = page.Items[0];
        Assert.Equal(["CT", "NM"], a.ModalitiesInStudy);
        Assert.Equal((2, 5), (a.SeriesCount, a.InstanceCount));
        Assert.Equal(new QidoStudyAttributes(StudyA, "20240301", "080000", "Bone scan", "ACC-A", "1", "PA", "Doe^Jane", "19600101", "F"), a.Study);
    }

    [Fact]
    public async Task Person_name_wildcards_match_ascii_letters_in_any_case()
    {
        Assert.Equal([StudyA, StudyB], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Wildcard, "doe*")));
        Assert.Equal([StudyB], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Wildcard, "d?e^jo*")));
        Assert.Equal([StudyC], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Wildcard, "*anna")));
        Assert.Equal([StudyA], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Single, "DOE^JANE")));
        // Only ASCII letters fold: the same on both stores whatever their locale.
        Assert.Equal([StudyD], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Wildcard, "mülLER*")));
        Assert.Empty(await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Wildcard, "MÜLLER*")));
    }

    [Fact]
    public async Task Fuzzy_names_match_when_every_word_prefixes_a_name_component()
    {
        Assert.Equal([StudyB], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Fuzzy, "jo", "do")));
        Assert.Equal([StudyA, StudyB], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Fuzzy, "doe")));
        Assert.Equal([StudyC], await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Fuzzy, "ANN")));
        Assert.Empty(await StudiesAsync(C(QidoAttribute.PatientName, QidoMatchKind.Fuzzy, "nna")));
    }

    [Fact]
    public async Task Text_wildcards_treat_sql_pattern_characters_literally_and_match_case_sensitively()
    {
        Assert.Equal([StudyD], await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Wildcard, "X[1]_*")));
        Assert.Equal([StudyD], await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Wildcard, "X?1]?%")));
        Assert.Empty(await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Wildcard, "XA1]_*")));
        Assert.Empty(await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Wildcard, "acc-*")));
        Assert.Equal([StudyA, StudyB, StudyC], await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Wildcard, "ACC-*")));
        Assert.Equal([StudyD], await StudiesAsync(C(QidoAttribute.AccessionNumber, QidoMatchKind.Single, "X[1]_%")));
    }

    [Fact]
    public async Task Uid_lists_and_date_ranges_select_studies()
    {
        Assert.Equal([StudyA, StudyC], await StudiesAsync(C(QidoAttribute.StudyInstanceUid, QidoMatchKind.List, StudyC, StudyA, "1.2.3")));
        Assert.Equal([StudyB, StudyC], await StudiesAsync(C(QidoAttribute.StudyDate, QidoMatchKind.Range, "20220110", "20231231")));
        Assert.Equal([StudyA, StudyB], await StudiesAsync(C(QidoAttribute.StudyDate, QidoMatchKind.Range, "20230615", "")));
        Assert.Equal([StudyC], await StudiesAsync(C(QidoAttribute.StudyDate, QidoMatchKind.Range, "", "20221231")));
        Assert.Equal([StudyB], await StudiesAsync(C(QidoAttribute.StudyDate, QidoMatchKind.Single, "20230615")));
    }

    [Fact]
    public async Task Modalities_in_study_match_any_series_of_the_study()
    {
        Assert.Equal([StudyA, StudyB], await StudiesAsync(C(QidoAttribute.ModalitiesInStudy, QidoMatchKind.Single, "CT")));
        Assert.Equal([StudyA, StudyC, StudyD], await StudiesAsync(C(QidoAttribute.ModalitiesInStudy, QidoMatchKind.List, "NM", "MR")));
        Assert.Equal([StudyA], await StudiesAsync(C(QidoAttribute.ModalitiesInStudy, QidoMatchKind.Single, "CT"),
            C(QidoAttribute.PatientId, QidoMatchKind.Single, "PA")));
    }

    [Fact]
    public async Task Pages_are_stable_and_say_when_more_results_exist()
    {
        var first = await Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 2, 0), None);
        var second = await Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 2, 2), None);
        var past = await Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 2, 10), None);

        Assert.True(first.HasMore);
        Assert.Equal([StudyA, StudyB], first.Items.Select(s => s.Study.StudyInstanceUid));
        Assert.False(second.HasMore);
        Assert.Equal([StudyC, StudyD], second.Items.Select(s => s.Study.StudyInstanceUid));
        Assert.Empty(past.Items);
    }

    [Fact]
    public async Task Series_are_found_across_studies_with_their_study_and_instance_count()
    {
        var page = await Queries.SearchSeriesAsync(new QidoQuery(QidoLevel.Series, [C(QidoAttribute.Modality, QidoMatchKind.Single, "CT")], 100, 0), None);

        Assert.Equal([$"{StudyA}.2", $"{StudyB}.1"], page.Items.Select(s => s.Series.SeriesInstanceUid));
        Assert.Equal(2, page.Items[0].InstanceCount);
        Assert.Equal("Doe^Jane", page.Items[0].Study.PatientName);
        Assert.Equal(new QidoSeriesAttributes($"{StudyA}.2", "CT", 2, "CT series", "SPINE"), page.Items[0].Series);

        var inStudy = await Queries.SearchSeriesAsync(new QidoQuery(QidoLevel.Series, [C(QidoAttribute.StudyInstanceUid, QidoMatchKind.Single, StudyA)], 100, 0), None);
        Assert.Equal([$"{StudyA}.1", $"{StudyA}.2"], inStudy.Items.Select(s => s.Series.SeriesInstanceUid));
    }

    [Fact]
    public async Task Instances_come_in_instance_number_order_and_match_on_numbers_and_classes()
    {
        var series = $"{StudyA}.1";
        var all = await Queries.SearchInstancesAsync(new QidoQuery(QidoLevel.Instance, [C(QidoAttribute.SeriesInstanceUid, QidoMatchKind.Single, series)], 100, 0), None);
        Assert.Equal([$"{series}.1", $"{series}.2", $"{series}.3"], all.Items.Select(i => i.SopInstanceUid));
        Assert.Equal(new QidoInstanceMatch(all.Items[0].Study, all.Items[0].Series, $"{series}.1", "1.2.840.10008.5.1.4.1.1.2", 1, "1.2.840.10008.1.2.1"),
            all.Items[0]);

        var numbered = await Queries.SearchInstancesAsync(new QidoQuery(QidoLevel.Instance,
            [C(QidoAttribute.InstanceNumber, QidoMatchKind.List, "2", "3"), C(QidoAttribute.StudyInstanceUid, QidoMatchKind.Single, StudyA)], 100, 0), None);
        Assert.Equal([$"{StudyA}.1.2", $"{StudyA}.1.3", $"{StudyA}.2.2"], numbered.Items.Select(i => i.SopInstanceUid));

        var byClass = await Queries.SearchInstancesAsync(new QidoQuery(QidoLevel.Instance,
            [C(QidoAttribute.SopClassUid, QidoMatchKind.Single, "1.2.840.10008.5.1.4.1.1.2")], 3, 0), None);
        Assert.True(byClass.HasMore);
        Assert.Equal(3, byClass.Items.Count);
    }

    [Fact]
    public async Task Queries_outside_the_limits_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 0, 0), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchStudiesAsync(new QidoQuery(QidoLevel.Study, [], 10, -1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchStudiesAsync(
            new QidoQuery(QidoLevel.Study, [C(QidoAttribute.Modality, QidoMatchKind.Single, "CT")], 10, 0), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchInstancesAsync(
            new QidoQuery(QidoLevel.Instance, [C(QidoAttribute.InstanceNumber, QidoMatchKind.Wildcard, "1*")], 10, 0), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchStudiesAsync(
            new QidoQuery(QidoLevel.Study, [C(QidoAttribute.StudyDate, QidoMatchKind.Fuzzy, "2024")], 10, 0), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Queries.SearchSeriesAsync(new QidoQuery(QidoLevel.Study, [], 10, 0), None));
    }
}
