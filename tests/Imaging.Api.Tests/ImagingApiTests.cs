using System.Net;
using System.Text.Json;
using Imaging.Storage;
using Imaging.Worker.Tests.Fakes;

namespace Imaging.Api.Tests;

/// <summary>The API over HTTP (in-memory test server) against a fake store.</summary>
public sealed class ImagingApiTests
{
    private const string Study1 = "1.2.826.0.1.3680043.10.1.1";
    private const string Study2 = "1.2.826.0.1.3680043.10.1.2";
    private const string Study3 = "1.2.826.0.1.3680043.10.1.3";
    private const string NmSeries = "1.2.826.0.1.3680043.10.2.1";
    private const string CtSeries = "1.2.826.0.1.3680043.10.2.2";

    [Fact]
    public async Task Studies_are_filtered_by_patient_modality_and_dates_given_in_either_format()
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync("/api/studies?patientId=P1&modality=nm&from=2024-01-01&to=20240630&limit=10&offset=0");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        Assert.Equal(new StudyQuery("P1", "NM", new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), 10, 0), api.Store.LastQuery);
        var studies = body.RootElement.GetProperty("studies");
        Assert.Equal([Study1, Study2], studies.EnumerateArray().Select(s => s.GetProperty("studyInstanceUid").GetString()));
        Assert.Equal(["CT", "NM"], studies[0].GetProperty("modalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("20240105", studies[0].GetProperty("studyDate").GetString());
        Assert.Equal(2, studies[0].GetProperty("seriesCount").GetInt32());
        Assert.Equal((10, 0), (body.RootElement.GetProperty("limit").GetInt32(), body.RootElement.GetProperty("offset").GetInt32()));
    }

    [Fact]
    public async Task Studies_without_parameters_are_the_first_hundred()
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync("/api/studies");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        Assert.Equal(new StudyQuery(Limit: 100, Offset: 0), api.Store.LastQuery);
        Assert.Equal(3, body.RootElement.GetProperty("studies").GetArrayLength());
    }

    [Theory]
    [InlineData("from=2024-13-01", "from")]
    [InlineData("from=01.02.2024", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2024-06-01&to=2024-01-01", "from")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=5&limit=6", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("modality=C%20T", "modality")]
    [InlineData("modality=", "modality")]
    [InlineData("patientId=A%5CB", "patientId")]
    [InlineData("patientId=", "patientId")]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync($"/api/studies?{query}");
        using var body = await JsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json");

        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Invalid parameter", body.RootElement.GetProperty("title").GetString());
        Assert.StartsWith($"Parameter '{parameter}': ", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([parameter], body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Null(api.Store.LastQuery);
    }

    [Fact]
    public async Task A_study_is_shown_with_its_series_and_their_states()
    {
        var store = Store();
        store.SetSeriesState(CtSeries, "pending", 0);
        await using var api = await ApiHost.StartAsync(store);

        using var response = await api.Client.GetAsync($"/api/studies/{Study1}");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        Assert.Equal("P1", body.RootElement.GetProperty("study").GetProperty("patientId").GetString());
        Assert.Equal("F", body.RootElement.GetProperty("patientSex").GetString());
        var series = body.RootElement.GetProperty("series").EnumerateArray()
            .Select(s => (s.GetProperty("seriesInstanceUid").GetString(), s.GetProperty("state").GetString(), s.GetProperty("instanceCount").GetInt32()));
        Assert.Equal([(NmSeries, "ready", 1), (CtSeries, "pending", 2)], series);
    }

    [Fact]
    public async Task An_unknown_study_is_a_404_problem()
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync("/api/studies/1.2.3.4");
        using var body = await JsonAsync(response, HttpStatusCode.NotFound, "application/problem+json");

        Assert.Equal("Study not found", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("No study with UID 1.2.3.4 is indexed.", body.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/studies/1.2.abc")]
    [InlineData("/api/studies/1..2")]
    [InlineData("/api/studies/1.23456789012345678901234567890123456789012345678901234567890123456")]
    [InlineData("/api/series/.1.2/findings")]
    [InlineData("/api/series/1.2.3%20/findings")]
    public async Task A_malformed_uid_is_a_400_problem_naming_it(string path)
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync(path);
        using var body = await JsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json");

        Assert.Equal(["uid"], body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Findings_are_listed_with_their_payload_as_json_and_the_series_state()
    {
        var store = Store();
        var produced = new DateTimeOffset(2024, 1, 5, 10, 30, 0, TimeSpan.Zero);
        await store.SaveFindingsAsync(new FindingsRecord(Study1, NmSeries, "metadata", "1", 1,
            """{"modality":"NM","content":{"kind":"nm-whole-body-bone-scan"},"instanceCount":1}""", produced), CancellationToken.None);
        await using var api = await ApiHost.StartAsync(store);

        using var response = await api.Client.GetAsync($"/api/series/{NmSeries}/findings");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        var root = body.RootElement;
        Assert.Equal((NmSeries, "NM", "ready", 1, 1), (root.GetProperty("seriesInstanceUid").GetString(), root.GetProperty("modality").GetString(),
            root.GetProperty("state").GetString(), root.GetProperty("readyVersion").GetInt32(), root.GetProperty("instanceCount").GetInt32()));
        var findings = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal(("metadata", "1", 1), (findings.GetProperty("analyzer").GetString(), findings.GetProperty("analyzerVersion").GetString(),
            findings.GetProperty("readyVersion").GetInt32()));
        Assert.Equal(produced, findings.GetProperty("producedAt").GetDateTimeOffset());
        var payload = findings.GetProperty("payload");
        Assert.Equal(JsonValueKind.Object, payload.ValueKind);
        Assert.Equal("nm-whole-body-bone-scan", payload.GetProperty("content").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_known_series_not_yet_analysed_has_no_findings_and_says_it_is_pending()
    {
        var store = Store();
        store.SetSeriesState(CtSeries, "pending", 0);
        await using var api = await ApiHost.StartAsync(store);

        using var response = await api.Client.GetAsync($"/api/series/{CtSeries}/findings");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        Assert.Equal("pending", body.RootElement.GetProperty("state").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Findings_of_an_unknown_series_are_a_404_problem()
    {
        await using var api = await ApiHost.StartAsync(Store());

        using var response = await api.Client.GetAsync("/api/series/1.2.3.4/findings");
        using var body = await JsonAsync(response, HttpStatusCode.NotFound, "application/problem+json");

        Assert.Equal("Series not found", body.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_stored_payload_that_is_not_json_is_flagged_without_hiding_the_other_findings()
    {
        var store = Store();
        var at = DateTimeOffset.UnixEpoch;
        await store.SaveFindingsAsync(new FindingsRecord(Study1, NmSeries, "bone-scan", "1", 1, "{\"lesions\":", at), CancellationToken.None);
        await store.SaveFindingsAsync(new FindingsRecord(Study1, NmSeries, "metadata", "1", 1, "{}", at), CancellationToken.None);
        await using var api = await ApiHost.StartAsync(store);

        using var response = await api.Client.GetAsync($"/api/series/{NmSeries}/findings");
        using var body = await JsonAsync(response, HttpStatusCode.OK, "application/json");

        var findings = body.RootElement.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("payload").ValueKind);
        Assert.StartsWith("The stored payload is not JSON", findings[0].GetProperty("payloadError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, findings[1].GetProperty("payload").ValueKind);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode status, string mediaType)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text);
    }

    /// <summary>Two patients: P1 with a January study (NM + CT) and a June NM study; P2 with a December 2023 MR study.</summary>
    private static FakeImagingStore Store()
    {
        var store = new FakeImagingStore();
        store.Add(Instance("P1", Study1, "20240105", NmSeries, "NM", "1.2.826.0.1.3680043.10.3.1"));
        store.Add(Instance("P1", Study1, "20240105", CtSeries, "CT", "1.2.826.0.1.3680043.10.3.2"));
        store.Add(Instance("P1", Study1, "20240105", CtSeries, "CT", "1.2.826.0.1.3680043.10.3.3"));
        store.Add(Instance("P1", Study2, "20240610", "1.2.826.0.1.3680043.10.2.3", "NM", "1.2.826.0.1.3680043.10.3.4"));
        store.Add(Instance("P2", Study3, "20231201", "1.2.826.0.1.3680043.10.2.4", "MR", "1.2.826.0.1.3680043.10.3.5"));
        return store;
    }

    private static InstanceRecord Instance(string patient, string study, string date, string series, string modality, string sop) => new()
    {
        PatientId = patient,
        PatientName = $"{patient}^Test",
        PatientSex = "F",
        StudyInstanceUid = study,
        StudyDate = date,
        SeriesInstanceUid = series,
        Modality = modality,
        SopInstanceUid = sop,
        SopClassUid = "1.2.840.10008.5.1.4.1.1.20",
        TransferSyntaxUid = "1.2.840.10008.1.2.1",
        BlobKey = $"{sop}.dcm",
        SizeBytes = 1000,
        CallingAeTitle = "MODALITY",
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };
}
