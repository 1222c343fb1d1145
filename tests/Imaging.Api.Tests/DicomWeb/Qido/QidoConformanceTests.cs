using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Imaging.Api.Tests.DicomWeb.Qido.QidoTestData;

namespace Imaging.Api.Tests.DicomWeb.Qido;

/// <summary>QIDO-RS over HTTP against a seeded SQLite index: PS3.18 DICOM JSON structure, media types, every matching
/// kind, includefield, paging and errors, checked without any external tool.</summary>
public sealed partial class QidoConformanceTests : IAsyncLifetime
{
    private QidoHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await QidoHost.StartAsync(new Dictionary<string, string?> { ["DicomWeb:Qido:DefaultLimit"] = "3", ["DicomWeb:Qido:MaximumLimit"] = "3" });
        await SeedAsync(_host.Store);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> SearchAsync(string pathAndQuery, string? accept = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private async Task<List<string>> StudyUidsAsync(string query) =>
        [.. (await SearchAsync("/dicomweb/studies?" + query)).EnumerateArray().Select(s => Text(s, "0020000D")!)];

    private static string? Text(JsonElement item, string tag) =>
        item.TryGetProperty(tag, out var attribute) && attribute.TryGetProperty("Value", out var value) ? value[0].GetString() : null;

    private static string? Vr(JsonElement item, string tag) => item.TryGetProperty(tag, out var a) ? a.GetProperty("vr").GetString() : null;

    [GeneratedRegex("^[0-9A-F]{8}$")]
    private static partial Regex TagKey();

    [Fact]
    public async Task Qido_study_results_are_dicom_json_with_the_required_attributes()
    {
        using var response = await _host.Client.GetAsync("/dicomweb/studies?limit=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var studies = document.RootElement;

        Assert.Equal(JsonValueKind.Array, studies.ValueKind);
        var a = studies[0];
        var keys = a.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(keys, k => Assert.Matches(TagKey(), k));
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.All(a.EnumerateObject(), p => Assert.True(p.Value.TryGetProperty("vr", out _), p.Name));
        Assert.Equal(
            ["00080020", "00080030", "00080050", "00080056", "00080061", "00080090", "00081190", "00100010", "00100020", "00100030", "00100040",
             "0020000D", "00200010", "00201206", "00201208"], keys);

        Assert.Equal(StudyA, Text(a, "0020000D"));
        Assert.Equal("UI", Vr(a, "0020000D"));
        Assert.Equal(("DA", "20240301"), (Vr(a, "00080020"), Text(a, "00080020")));
        Assert.Equal("ONLINE", Text(a, "00080056"));
        Assert.Equal("Doe^Jane", a.GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        Assert.Equal("PN", Vr(a, "00100010"));
        // Not indexed: present, empty.
        Assert.Equal("PN", Vr(a, "00080090"));
        Assert.False(a.GetProperty("00080090").TryGetProperty("Value", out _));
        Assert.Equal(["CT", "NM"], a.GetProperty("00080061").GetProperty("Value").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(2, a.GetProperty("00201206").GetProperty("Value")[0].GetInt32());
        Assert.Equal(5, a.GetProperty("00201208").GetProperty("Value")[0].GetInt32());
        Assert.Equal(("UR", $"http://localhost/dicomweb/studies/{StudyA}"), (Vr(a, "00081190"), Text(a, "00081190")));
    }

    [Fact]
    public async Task Qido_writes_every_person_name_group_as_its_own_member()
    {
        var d = (await SearchAsync($"/dicomweb/studies?StudyInstanceUID={StudyD}"))[0];

        var name = d.GetProperty("00100010").GetProperty("Value")[0];
        Assert.Equal("Yamada^Tarou", name.GetProperty("Alphabetic").GetString());
        Assert.Equal("山田^太郎", name.GetProperty("Ideographic").GetString());
        Assert.False(name.TryGetProperty("Phonetic", out _));
        Assert.False(d.GetProperty("00080020").TryGetProperty("Value", out _));
    }

    [Fact]
    public async Task Qido_matches_patient_name_wildcards_by_keyword_or_tag_case_insensitively()
    {
        Assert.Equal([StudyA, StudyB], await StudyUidsAsync("PatientName=doe*"));
        Assert.Equal([StudyA, StudyB], await StudyUidsAsync("00100010=DOE*"));
        Assert.Equal([StudyB], await StudyUidsAsync("PatientName=d%3Fe%5Ejo*"));
        Assert.Equal([StudyA], await StudyUidsAsync("PatientName=doe%5Ejane"));
        Assert.Equal([StudyA, StudyB, StudyC], await StudyUidsAsync("PatientName=*&limit=3"));
    }

    [Fact]
    public async Task Qido_fuzzy_matching_matches_name_components_by_word_prefix()
    {
        Assert.Equal([StudyB], await StudyUidsAsync("PatientName=jo%20do&fuzzymatching=true"));
        Assert.Equal([StudyC], await StudyUidsAsync("PatientName=ann&fuzzymatching=true"));
        Assert.Empty(await StudyUidsAsync("PatientName=ann&fuzzymatching=false"));
    }

    [Fact]
    public async Task Qido_matches_uid_lists_separated_by_comma_or_backslash()
    {
        Assert.Equal([StudyA, StudyC], await StudyUidsAsync($"StudyInstanceUID={StudyC},{StudyA}"));
        Assert.Equal([StudyB, StudyC], await StudyUidsAsync($"0020000D={StudyB}%5C{StudyC}"));
    }

    [Fact]
    public async Task Qido_matches_date_ranges_closed_and_open()
    {
        Assert.Equal([StudyB, StudyC], await StudyUidsAsync("StudyDate=20220101-20231231"));
        Assert.Equal([StudyA, StudyB], await StudyUidsAsync("StudyDate=20230615-"));
        Assert.Equal([StudyC], await StudyUidsAsync("StudyDate=-20221231"));
        Assert.Equal([StudyB], await StudyUidsAsync("StudyDate=20230615"));
    }

    [Fact]
    public async Task Qido_matches_modalities_in_study_and_combines_keys()
    {
        Assert.Equal([StudyA, StudyB], await StudyUidsAsync("ModalitiesInStudy=CT"));
        Assert.Equal([StudyA, StudyC], await StudyUidsAsync("ModalitiesInStudy=NM%5CMR&StudyDate=20220101-20240301"));
        Assert.Equal([StudyA, StudyC, StudyD], await StudyUidsAsync("ModalitiesInStudy=NM,MR"));
        Assert.Equal([StudyB], await StudyUidsAsync("ModalitiesInStudy=CT&AccessionNumber=ACC-B"));
    }

    [Fact]
    public async Task Qido_includefield_adds_attributes_by_keyword_tag_or_all()
    {
        var plain = (await SearchAsync($"/dicomweb/studies?StudyInstanceUID={StudyA}"))[0];
        var byKeyword = (await SearchAsync($"/dicomweb/studies?StudyInstanceUID={StudyA}&includefield=StudyDescription"))[0];
        var byTagList = (await SearchAsync($"/dicomweb/studies?StudyInstanceUID={StudyA}&includefield=00081030,PatientAge"))[0];
        var all = (await SearchAsync($"/dicomweb/studies?StudyInstanceUID={StudyA}&includefield=all"))[0];

        Assert.False(plain.TryGetProperty("00081030", out _));
        Assert.Equal("Bone scan", Text(byKeyword, "00081030"));
        Assert.Equal("Bone scan", Text(byTagList, "00081030"));
        // PatientAge is a DICOM attribute the index does not hold: left out, not an error.
        Assert.False(byTagList.TryGetProperty("00101010", out _));
        Assert.Equal("Bone scan", Text(all, "00081030"));
        Assert.False(all.TryGetProperty("00080060", out _));
    }

    [Fact]
    public async Task Qido_pages_with_limit_and_offset_and_warns_when_more_results_exist()
    {
        using var first = await _host.Client.GetAsync("/dicomweb/studies?limit=2");
        using var last = await _host.Client.GetAsync("/dicomweb/studies?limit=2&offset=2");
        using var capped = await _host.Client.GetAsync("/dicomweb/studies?limit=50");

        Assert.Equal(2, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        var warning = Assert.Single(first.Headers.GetValues("Warning"));
        Assert.StartsWith("299 http://localhost/dicomweb: \"There are additional results", warning, StringComparison.Ordinal);
        Assert.Equal([StudyC, StudyD], JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => Text(s, "0020000D")));
        Assert.False(last.Headers.Contains("Warning"));
        // MaximumLimit is 3 in this host: a larger limit is lowered, and the warning says more exist.
        Assert.Equal(3, JsonDocument.Parse(await capped.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        Assert.True(capped.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task Qido_answers_an_empty_match_with_200_and_an_empty_array()
    {
        using var response = await _host.Client.GetAsync("/dicomweb/studies?PatientID=NOBODY");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        using var series = await _host.Client.GetAsync("/dicomweb/studies/1.2.3/series");
        Assert.Equal("[]", await series.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Qido_series_of_a_study_carry_series_attributes_and_their_retrieve_url()
    {
        var series = await SearchAsync($"/dicomweb/studies/{StudyA}/series");

        Assert.Equal([SeriesA1, SeriesA2], series.EnumerateArray().Select(s => Text(s, "0020000E")));
        var nm = series[0];
        Assert.Equal(["00080060", "0008103E", "00081190", "0020000D", "0020000E", "00200011", "00201209"], nm.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("CS", "NM"), (Vr(nm, "00080060"), Text(nm, "00080060")));
        Assert.Equal(1, nm.GetProperty("00200011").GetProperty("Value")[0].GetInt32());
        Assert.Equal(3, nm.GetProperty("00201209").GetProperty("Value")[0].GetInt32());
        Assert.Equal($"http://localhost/dicomweb/studies/{StudyA}/series/{SeriesA1}", Text(nm, "00081190"));
    }

    [Fact]
    public async Task Qido_series_across_studies_repeat_the_study_and_patient_keys()
    {
        var series = await SearchAsync("/dicomweb/series?Modality=CT&PatientName=doe*");

        Assert.Equal([SeriesA2, StudyB + ".1"], series.EnumerateArray().Select(s => Text(s, "0020000E")));
        Assert.Equal("Doe^Jane", series[0].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        Assert.Equal("20240301", Text(series[0], "00080020"));
        Assert.False(series[0].TryGetProperty("00201206", out _));
    }

    [Fact]
    public async Task Qido_instances_come_in_instance_number_order_with_their_parents_keys_across_levels()
    {
        var inSeries = await SearchAsync($"/dicomweb/studies/{StudyA}/series/{SeriesA1}/instances");
        var all = await SearchAsync($"/dicomweb/instances?SOPInstanceUID={SeriesA2}.2&includefield=AvailableTransferSyntaxUID");
        var inStudy = await SearchAsync($"/dicomweb/studies/{StudyA}/instances?InstanceNumber=2");

        Assert.Equal([$"{SeriesA1}.1", $"{SeriesA1}.2", $"{SeriesA1}.3"], inSeries.EnumerateArray().Select(i => Text(i, "00080018")));
        Assert.Equal(["00080016", "00080018", "00080056", "00081190", "0020000D", "0020000E", "00200013"],
            inSeries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(CtImageStorage, Text(inSeries[0], "00080016"));
        Assert.Equal($"http://localhost/dicomweb/studies/{StudyA}/series/{SeriesA1}/instances/{SeriesA1}.1", Text(inSeries[0], "00081190"));
        var one = Assert.Single(all.EnumerateArray());
        Assert.Equal("CT", Text(one, "00080060"));
        Assert.Equal("PA", Text(one, "00100020"));
        Assert.Equal("1.2.840.10008.1.2.1", Text(one, "00083002"));
        Assert.Equal([$"{SeriesA1}.2", $"{SeriesA2}.2"], inStudy.EnumerateArray().Select(i => Text(i, "00080018")));
        Assert.False(inStudy[0].TryGetProperty("00100010", out _));
        Assert.Equal("NM", Text(inStudy[0], "00080060"));
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/dicom+json", "application/dicom+json")]
    [InlineData("*/*", "application/dicom+json")]
    [InlineData("text/html, application/json;q=0.5, application/dicom+json;q=0.9", "application/dicom+json")]
    public async Task Qido_negotiates_dicom_json_or_json(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dicomweb/studies");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("multipart/related; type=\"application/dicom+xml\"")]
    [InlineData("application/dicom+xml")]
    [InlineData("application/json;q=0")]
    public async Task Qido_refuses_xml_and_other_media_types_with_a_406_problem(string accept)
    {
        var problem = await SearchAsync("/dicomweb/studies", accept, HttpStatusCode.NotAcceptable);

        Assert.Equal(406, problem.GetProperty("status").GetInt32());
        Assert.Contains("application/dicom+xml", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dicomweb/studies?Foo=1", "Foo")]
    [InlineData("/dicomweb/studies?PatientAge=030Y", "PatientAge")]
    [InlineData("/dicomweb/studies?00101010=030Y", "00101010")]
    [InlineData("/dicomweb/studies?SOPInstanceUID=1.2.3", "SOPInstanceUID")]
    [InlineData("/dicomweb/studies?Modality=CT", "Modality")]
    [InlineData("/dicomweb/series?ModalitiesInStudy=CT", "ModalitiesInStudy")]
    [InlineData("/dicomweb/studies?NumberOfStudyRelatedSeries=2", "NumberOfStudyRelatedSeries")]
    [InlineData("/dicomweb/studies?ReferringPhysicianName=HOUSE", "ReferringPhysicianName")]
    [InlineData("/dicomweb/studies?00100010.00100020=1", "00100010.00100020")]
    [InlineData("/dicomweb/studies?StudyDate=2024", "StudyDate")]
    [InlineData("/dicomweb/studies?StudyDate=20240230", "StudyDate")]
    [InlineData("/dicomweb/studies?StudyDate=20241231-20240101", "StudyDate")]
    [InlineData("/dicomweb/studies?StudyTime=2500", "StudyTime")]
    [InlineData("/dicomweb/studies?StudyInstanceUID=1.2.abc", "StudyInstanceUID")]
    [InlineData("/dicomweb/studies?PatientID=A%5CB", "PatientID")]
    [InlineData("/dicomweb/instances?InstanceNumber=one", "InstanceNumber")]
    [InlineData("/dicomweb/studies?PatientID=PA&PatientID=PB", "PatientID")]
    [InlineData("/dicomweb/studies?limit=0", "limit")]
    [InlineData("/dicomweb/studies?limit=-1", "limit")]
    [InlineData("/dicomweb/studies?offset=-1", "offset")]
    [InlineData("/dicomweb/studies?offset=99999999999", "offset")]
    [InlineData("/dicomweb/studies?fuzzymatching=yes", "fuzzymatching")]
    [InlineData("/dicomweb/studies?includefield=NotAnAttribute", "includefield")]
    [InlineData("/dicomweb/studies/1.2.x/series", "study")]
    [InlineData("/dicomweb/studies/1.2/series/..1/instances", "series")]
    public async Task Qido_answers_a_bad_query_with_a_400_problem_naming_the_parameter(string pathAndQuery, string parameter)
    {
        using var response = await _host.Client.GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), text);
        Assert.Contains(parameter, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qido_names_every_unsupported_key_in_one_problem()
    {
        var problem = await SearchAsync("/dicomweb/studies?Foo=1&Bar=2&PatientID=PA", expected: HttpStatusCode.BadRequest);

        Assert.Equal(["Bar", "Foo"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Qido_returns_matching_keys_even_when_not_in_the_default_set()
    {
        var studies = await SearchAsync("/dicomweb/studies?StudyDescription=Bone*&limit=1");

        Assert.Equal("Bone scan", Text(studies[0], "00081030"));
    }
}
