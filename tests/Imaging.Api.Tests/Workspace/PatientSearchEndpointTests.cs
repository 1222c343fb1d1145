using System.Net;
using System.Text.Json;

namespace Imaging.Api.Tests.Workspace;

/// <summary><c>GET /api/patients</c> and <c>GET /api/patients/{patientId}</c> over a real SQLite store.</summary>
public sealed class PatientSearchEndpointTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.1", "20240101", "1.1.1");
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.2", "20250101", "1.2.1");
        await WorkspaceSeed.StudyAsync(_host.Store, "P2", "DOE^JANE", "19600704", "2.1", "20240601", "2.1.1");
        await WorkspaceSeed.StudyAsync(_host.Store, "P3", "SMITH^JOHN", "19551231", "3.1", "20230301", "3.1.1");
        await WorkspaceSeed.StudyAsync(_host.Store, "AB/12 X", "ROE^ANN", "19700101", "4.1", "20220202", "4.1.1");
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private async Task<(string[] Ids, JsonElement Root)> SearchAsync(string query)
    {
        using var response = await _host.Client.GetAsync("/api/patients" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement.Clone();
        return ([.. root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("patientId").GetString()!)], root);
    }

    [Fact]
    public async Task Search_box_matches_name_words_fuzzily_and_patient_id_prefixes()
    {
        Assert.Equal(["P1"], (await SearchAsync("?q=doe%20jo")).Ids);
        Assert.Equal(["P1", "P3"], (await SearchAsync("?q=JOHN")).Ids);
        Assert.Equal(["AB/12 X"], (await SearchAsync("?q=AB%2F1")).Ids);
        Assert.Equal(["P1"], (await SearchAsync("?name=doe%20jo&fuzzy=true")).Ids);
    }

    [Fact]
    public async Task Name_matches_pn_wildcards_case_insensitively()
    {
        Assert.Equal(["P2", "P1"], (await SearchAsync("?name=doe%5Ej*")).Ids);
        Assert.Equal(["P3"], (await SearchAsync("?name=SM?TH*")).Ids);
        Assert.Empty((await SearchAsync("?name=DOE")).Ids);
    }

    [Fact]
    public async Task Birth_date_accepts_a_date_or_a_range_in_either_format()
    {
        Assert.Equal(["P1", "P3"], (await SearchAsync("?birthDate=19500101-19551231")).Ids);
        Assert.Equal(["P1", "P3"], (await SearchAsync("?birthDate=1950-01-01-1955-12-31")).Ids);
        Assert.Equal(["P2"], (await SearchAsync("?birthDate=1960-07-04")).Ids);
        Assert.Equal(["P2", "AB/12 X"], (await SearchAsync("?birthDate=19600101-")).Ids);
    }

    [Fact]
    public async Task A_page_reports_limit_offset_and_the_total_of_all_matches()
    {
        var (ids, root) = await SearchAsync("?limit=2&offset=1");

        Assert.Equal(["P1", "AB/12 X"], ids);
        Assert.Equal((2, 1, 4), (root.GetProperty("limit").GetInt32(), root.GetProperty("offset").GetInt32(), root.GetProperty("total").GetInt32()));
        var first = root.GetProperty("items")[0];
        Assert.Equal(("DOE^JOHN", "19520310", "M", 2, "20250101"), (first.GetProperty("patientName").GetString(), first.GetProperty("birthDate").GetString(),
            first.GetProperty("sex").GetString(), first.GetProperty("studyCount").GetInt32(), first.GetProperty("latestStudyDate").GetString()));
        Assert.Equal(50, (await SearchAsync("")).Root.GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?birthDate=1950-13-01", "birthDate")]
    [InlineData("?birthDate=19600101-19500101", "birthDate")]
    [InlineData("?fuzzy=maybe", "fuzzy")]
    [InlineData("?q=a&q=b", "q")]
    [InlineData("?q=a%5Cb", "q")]
    [InlineData("?q=a%20b%20c%20d%20e%20f%20g%20h%20i", "q")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var response = await _host.Client.GetAsync("/api/patients" + query);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task A_patient_is_found_by_its_url_encoded_id_and_an_unknown_one_is_a_404_problem()
    {
        using var found = await _host.Client.GetAsync("/api/patients/AB%2F12%20X");
        using var missing = await _host.Client.GetAsync("/api/patients/NOPE");

        Assert.True(found.StatusCode == HttpStatusCode.OK, $"{found.StatusCode}: {await found.Content.ReadAsStringAsync()}");
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal("AB/12 X", body.RootElement.GetProperty("patientId").GetString());
        var problem = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal("Patient not found", problem.GetProperty("title").GetString());
    }
}
