using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Imaging.Api.Security;
using Imaging.Storage;

namespace Imaging.Api.Tests.Export;

/// <summary>Research exports as background jobs: creation, states, download, cancel, roles, retention and restart.</summary>
public sealed class ResearchExportJobTests
{
    private const string Radiologist = ImagingRoles.Radiologist;
    private const string Researcher = ImagingRoles.Researcher;
    private const string Admin = ImagingRoles.Admin;

    private const string ByCriteria = """{"modalities":["nm"],"from":"2024-01-01","to":"2024-12-31","profile":"basic,retain-longitudinal-modified-dates"}""";
    private const string ByPatients = """{"patientIds":["PAT-001"," PAT-002 ","PAT-001"],"modalities":["CT"]}""";

    [Fact]
    public async Task Post_answers_202_with_location_and_the_job_which_then_succeeds()
    {
        var runner = new FakeExportRunner();
        await using var host = await ExportApiHost.StartAsync(runner);

        using var response = await host.PostAsync(Radiologist, ByPatients);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await ExportApiHost.ReadAsync(response);
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/api/research/exports/{id}", response.Headers.Location!.OriginalString);
        Assert.Contains(job.GetProperty("state").GetString(), new[] { "queued", "running", "succeeded" });
        Assert.Equal("radiologist-key", job.GetProperty("owner").GetString());

        var done = await host.WaitForStateAsync(Radiologist, id, "succeeded");
        Assert.Equal(10, done.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Equal(10, done.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal(10, done.GetProperty("progress").GetProperty("exported").GetInt32());
        Assert.Equal($"/api/research/exports/{id}/download", done.GetProperty("downloadUrl").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("startedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("finishedAt").ValueKind);
        // The request reached the runner normalised: IDs trimmed and de-duplicated, the default profile.
        var request = Assert.Single(runner.Requests);
        Assert.Equal(["PAT-001", "PAT-002"], request.Selection.PatientIds);
        Assert.Equal(["CT"], request.Selection.Modalities);
        Assert.Equal(["basic", "retain-longitudinal-modified-dates"], request.Options.Names);
        Assert.Equal(Path.Combine(host.ExportsFolder, $"{id}.zip"), request.OutputPath);
        Assert.Equal("radiologist-key", request.RequestedBy);
    }

    [Fact]
    public async Task A_job_goes_from_running_with_progress_to_succeeded()
    {
        var runner = new FakeExportRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var host = await ExportApiHost.StartAsync(runner);
        var id = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;

        await runner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var running = await host.WaitForStateAsync(Researcher, id, "running");
        Assert.Equal(10, running.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Equal(1, running.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("downloadUrl").ValueKind);
        using (var early = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{id}/download", Researcher))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        }

        runner.Gate.SetResult();
        await host.WaitForStateAsync(Researcher, id, "succeeded");
    }

    [Fact]
    public async Task Download_streams_the_zip_with_its_length_and_sha256()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());
        var id = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        var job = await host.WaitForStateAsync(Researcher, id, "succeeded");

        using var response = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{id}/download", Researcher);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(host.ExportsFolder, $"{id}.zip")), bytes);
        var sha256 = SHA256.HashData(bytes);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(sha256)}:", Assert.Single(response.Headers.GetValues("Repr-Digest")));
        Assert.Equal(Convert.ToHexStringLower(sha256), job.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, job.GetProperty("sizeBytes").GetInt64());
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        Assert.Contains(zip.Entries, e => e.FullName == "manifest.json");
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_removes_its_partial_output()
    {
        var runner = new FakeExportRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var host = await ExportApiHost.StartAsync(runner);
        var id = (await host.CreateAsync(Radiologist, ByCriteria)).GetProperty("id").GetString()!;
        await runner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.WaitForStateAsync(Radiologist, id, "running");

        using var response = await host.SendAsync(HttpMethod.Delete, $"/api/research/exports/{id}", Radiologist);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var cancelled = await host.WaitForStateAsync(Radiologist, id, "cancelled");
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("finishedAt").ValueKind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ExportsFolder, id + "*"));
    }

    [Fact]
    public async Task Cancelling_a_queued_job_means_it_never_runs()
    {
        var runner = new FakeExportRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var host = await ExportApiHost.StartAsync(runner);
        var first = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        await runner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // One export at a time by default: the second waits behind the first.
        var second = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        Assert.Equal("queued", (await host.GetJobAsync(Researcher, second)).GetProperty("state").GetString());

        using var response = await host.SendAsync(HttpMethod.Delete, $"/api/research/exports/{second}", Researcher);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await ExportApiHost.ReadAsync(response)).GetProperty("state").GetString());

        runner.Gate.SetResult();
        await host.WaitForStateAsync(Researcher, first, "succeeded");
        Assert.Single(runner.Requests);
        Assert.Equal("cancelled", (await host.GetJobAsync(Researcher, second)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Deleting_a_finished_job_removes_its_output_and_the_job()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());
        var id = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        await host.WaitForStateAsync(Researcher, id, "succeeded");
        Assert.True(File.Exists(Path.Combine(host.ExportsFolder, $"{id}.zip")));

        using var response = await host.SendAsync(HttpMethod.Delete, $"/api/research/exports/{id}", Researcher);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(host.ExportsFolder, $"{id}.zip")));
        using var gone = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{id}", Researcher);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_failing_export_ends_failed_with_its_error()
    {
        var runner = new FakeExportRunner { Failure = new Imaging.Export.ExportException("no study matches the selection") };
        await using var host = await ExportApiHost.StartAsync(runner);
        var id = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;

        var failed = await host.WaitForStateAsync(Researcher, id, "failed");

        Assert.Equal("no study matches the selection", failed.GetProperty("error").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.ExportsFolder, id + "*"));
    }

    [Fact]
    public async Task A_researcher_naming_patients_is_refused_with_403()
    {
        var runner = new FakeExportRunner();
        await using var host = await ExportApiHost.StartAsync(runner);

        using var response = await host.PostAsync(Researcher, ByPatients);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ExportApiHost.ReadAsync(response);
        Assert.Contains("radiologist or admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PAT-001", problem.ToString(), StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
        Assert.Empty(await host.Store.ListExportJobsAsync(owner: null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_researcher_selecting_by_criteria_is_accepted_and_sees_no_patient_ids()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());

        var job = await host.CreateAsync(Researcher, """{"minLesionCount":3,"anyFlagged":true,"flaggedLevel":"t7"}""");

        var selection = job.GetProperty("selection");
        Assert.Equal(JsonValueKind.Null, selection.GetProperty("patientIds").ValueKind);
        Assert.Equal(3, selection.GetProperty("minLesionCount").GetInt32());
        Assert.Equal("T7", selection.GetProperty("flaggedLevel").GetString());
        Assert.True(selection.GetProperty("anyFlagged").GetBoolean());
    }

    [Fact]
    public async Task Patient_ids_are_shown_to_clinical_roles_and_never_to_a_researcher()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());
        var job = await host.CreateAsync(Admin, ByPatients);
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal(["PAT-001", "PAT-002"], job.GetProperty("selection").GetProperty("patientIds").EnumerateArray().Select(e => e.GetString()!));

        // Someone else's job does not exist for a researcher, and their own list holds none of it.
        using var other = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{id}", Researcher);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var list = await host.SendAsync(HttpMethod.Get, "/api/research/exports", Researcher);
        var body = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("PAT-00", body, StringComparison.Ordinal);
        Assert.Empty((await ExportApiHost.ReadAsync(list)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Lists_hold_your_own_jobs_and_an_admin_sees_everyones()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());
        var mine = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        var theirs = (await host.CreateAsync(Radiologist, ByCriteria)).GetProperty("id").GetString()!;

        async Task<string[]> ListAsync(string role)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/api/research/exports", role);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await ExportApiHost.ReadAsync(response)).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
        }

        Assert.Equal([mine], await ListAsync(Researcher));
        Assert.Equal([theirs], await ListAsync(Radiologist));
        Assert.Equal([theirs, mine], await ListAsync(Admin));
    }

    [Theory]
    [InlineData("""{}""", "selection")]
    [InlineData("""{"modalities":[]}""", "selection")]
    [InlineData("""{"modalities":["NM"],"from":"2024-13-01"}""", "from")]
    [InlineData("""{"modalities":["NM"],"from":"20240101"}""", "from")]
    [InlineData("""{"modalities":["NM"],"from":"2024-05-01","to":"2024-04-01"}""", "to")]
    [InlineData("""{"modalities":["N M"]}""", "modalities")]
    [InlineData("""{"modalities":["NM"],"profile":"basic,retain-everything"}""", "profile")]
    [InlineData("""{"modalities":["NM"],"profile":"retain-longitudinal-full-dates,retain-longitudinal-modified-dates"}""", "profile")]
    [InlineData("""{"minLesionCount":-1}""", "minLesionCount")]
    [InlineData("""{"flaggedLevel":"T7; DROP TABLE"}""", "flaggedLevel")]
    [InlineData("""{"patientIds":[""]}""", "patientIds")]
    [InlineData("""{"modalities":"NM"}""", "body")]
    [InlineData("""not json""", "body")]
    [InlineData("""null""", "body")]
    public async Task Invalid_requests_get_400_naming_the_field(string json, string field)
    {
        var runner = new FakeExportRunner();
        await using var host = await ExportApiHost.StartAsync(runner);

        using var response = await host.PostAsync(Admin, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ExportApiHost.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task The_whole_archive_is_exported_only_when_asked_for_with_all()
    {
        var runner = new FakeExportRunner();
        await using var host = await ExportApiHost.StartAsync(runner);

        var id = (await host.CreateAsync(Admin, """{"all":true}""")).GetProperty("id").GetString()!;

        await host.WaitForStateAsync(Admin, id, "succeeded");
        Assert.True(Assert.Single(runner.Requests).Selection.IsEverything);
    }

    [Fact]
    public async Task Oversized_requests_are_refused()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());

        var tooMany = JsonSerializer.Serialize(new { patientIds = Enumerable.Range(0, 10_001).Select(i => $"P{i}") });
        using (var response = await host.PostAsync(Admin, tooMany))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("10000", (await ExportApiHost.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var huge = JsonSerializer.Serialize(new { modalities = new[] { "NM" }, profile = new string(' ', 1024 * 1024) });
        using (var response = await host.PostAsync(Admin, huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/research/exports") { Content = new StringContent(ByCriteria) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, host.Keys[Admin]);
        using (var response = await host.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_or_malformed_job_ids_are_404_and_400()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());

        using var unknown = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{Guid.NewGuid():D}", Admin);
        using var malformed = await host.SendAsync(HttpMethod.Get, "/api/research/exports/..%2F..%2Fetc", Admin);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Without_credentials_the_routes_answer_401()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());

        using var response = await host.Client.GetAsync("/api/research/exports");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Retention_removes_expired_jobs_and_their_outputs()
    {
        var clock = new ManualClock();
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner(), clock);
        var id = (await host.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        var done = await host.WaitForStateAsync(Researcher, id, "succeeded");
        var output = Path.Combine(host.ExportsFolder, $"{id}.zip");
        Assert.True(File.Exists(output));
        Assert.Equal(done.GetProperty("finishedAt").GetDateTimeOffset().AddDays(7), done.GetProperty("expiresAt").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await host.Jobs.SweepExpiredAsync(CancellationToken.None));
        Assert.True(File.Exists(output));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await host.Jobs.SweepExpiredAsync(CancellationToken.None));
        Assert.False(File.Exists(output));
        using var gone = await host.SendAsync(HttpMethod.Get, $"/api/research/exports/{id}", Researcher);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task After_a_restart_a_job_left_running_is_failed_and_its_partial_output_removed_and_queued_ones_run()
    {
        var runner = new FakeExportRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var first = await ExportApiHost.StartAsync(runner);
        var folder = first.DataFolder;
        var keys = first.Keys;
        var running = (await first.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        await runner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = (await first.CreateAsync(Researcher, ByCriteria)).GetProperty("id").GetString()!;
        var store = first.Store;
        // A crash: the rows stay as they were (running, queued) and a partial output lies on disk.
        var runningRow = (await store.GetExportJobAsync(Guid.Parse(running), CancellationToken.None))!;
        var queuedRow = (await store.GetExportJobAsync(Guid.Parse(queued), CancellationToken.None))!;
        await first.StopAsync();
        await using (var reopened = new SqliteImagingStore(Path.Combine(folder, "index.db")))
        {
            // Stopping marked the running job failed ("interrupted by a shutdown"); put the rows back as a crash leaves them.
            var now = await reopened.GetExportJobAsync(runningRow.Id, CancellationToken.None);
            await reopened.UpdateExportJobAsync(runningRow, now!.State, CancellationToken.None);
            var stillQueued = await reopened.GetExportJobAsync(queuedRow.Id, CancellationToken.None);
            await reopened.UpdateExportJobAsync(queuedRow, stillQueued!.State, CancellationToken.None);
        }
        var partial = Path.Combine(folder, "exports", $"{running}.zip.partial");
        await File.WriteAllTextAsync(partial, "half an export");

        await using var second = await ExportApiHost.StartAsync(new FakeExportRunner(), dataFolder: folder, keys: keys);

        var failed = await second.GetJobAsync(Researcher, running);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal("interrupted by a restart", failed.GetProperty("error").GetString());
        Assert.False(File.Exists(partial));
        await second.WaitForStateAsync(Researcher, queued, "succeeded");
    }

    [Fact]
    public async Task The_routes_are_in_the_openapi_document()
    {
        await using var host = await ExportApiHost.StartAsync(new FakeExportRunner());

        using var response = await host.Client.GetAsync("/openapi/v1.json");
        var paths = (await ExportApiHost.ReadAsync(response)).GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/research/exports", out var collection));
        Assert.True(collection.TryGetProperty("post", out _));
        Assert.True(collection.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/research/exports/{id}", out var item));
        Assert.True(item.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/research/exports/{id}/download", out _));
    }
}
