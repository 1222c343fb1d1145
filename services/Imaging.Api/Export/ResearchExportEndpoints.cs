using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Imaging.Api.Security;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Imaging.Api.Export;

/// <summary>Research exports as background jobs under <c>/api/research/exports</c> (the Research policy). Naming patients needs a
/// role allowed to see identities; researchers select by criteria, and views never show them original patient IDs.</summary>
public static class ResearchExportEndpoints
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    public const int MaximumBodyBytes = 1024 * 1024;

    public const int DefaultListLimit = 100;
    public const int MaximumListLimit = 500;

    private const string BasePath = "/api/research/exports";

    /// <summary>Maps the routes with the Research policy; register the services with
    /// <see cref="ResearchExportServiceCollectionExtensions.AddResearchExports"/> first.</summary>
    public static RouteGroupBuilder MapResearchExports(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath).AddEndpointFilter<DatabaseUnavailableFilter>().WithTags("Research exports")
            .RequireAuthorization(ImagingPolicies.Research);
        group.MapPost("", CreateAsync).WithName("CreateResearchExport")
            .WithSummary("Start a de-identified export (PS3.15 Annex E) of a cohort as a background job; patient IDs need a radiologist or admin")
            .Accepts<ExportJobRequest>("application/json")
            .Produces<ExportJobView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("", ListAsync).WithName("ListResearchExports")
            .WithSummary("Your export jobs, newest first (an admin's: everyone's)")
            .WithMetadata(new Workspace.QueryParameterDocs([new("limit", "integer", $"At most this many, 1 to {MaximumListLimit} (default {DefaultListLimit}).")]))
            .Produces<ExportJobListResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", GetAsync).WithName("GetResearchExport")
            .WithSummary("One export job: state, progress, counts, error, times and the download link")
            .Produces<ExportJobView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/download", DownloadAsync).WithName("DownloadResearchExport")
            .WithSummary("The export's ZIP, streamed, with Content-Length and its SHA-256 in Repr-Digest; 409 until the job has succeeded")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteResearchExport")
            .WithSummary("Cancel a queued (200) or running (202) job, or remove a finished one with its output (204)")
            .Produces<ExportJobView>().Produces<ExportJobView>(StatusCodes.Status202Accepted).Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] ExportJobService jobs)
    {
        var request = context.Request;
        if (!request.HasJsonContentType()) return ExportProblems.NotJson();
        if (request.ContentLength > MaximumBodyBytes) return ExportProblems.BodyTooLarge(MaximumBodyBytes);
        var body = await ReadCappedAsync(request.Body, MaximumBodyBytes, context.RequestAborted);
        if (body is null) return ExportProblems.BodyTooLarge(MaximumBodyBytes);
        ExportJobRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, ExportJsonContext.Default.ExportJobRequest);
        }
        catch (JsonException ex)
        {
            return ExportProblems.Invalid("body", $"not a valid export request: {ex.Message}");
        }
        if (parsed is null) return ExportProblems.Invalid("body", "an export request object is required.");
        var user = context.User;
        // Before any other check: a researcher learns nothing about the IDs they sent, not even whether they are well formed.
        if (parsed.PatientIds is { Count: > 0 } && !MaySeeIdentities(user)) return ExportProblems.PatientListForbidden();
        if (!ExportRequestRules.TryBuild(parsed, jobs.Options.DefaultProfile, ExportRequestRules.MaximumPatientIds, out var normalized, out _, out _, out var error))
            return ExportProblems.Invalid(error.Field, error.Message);
        var job = await jobs.SubmitAsync(UserName(user), normalized, context.RequestAborted);
        if (job is null) return ExportProblems.QueueFull(jobs.Options.MaxQueuedJobs);
        var view = View(job, user, jobs, request.PathBase);
        return TypedResults.Accepted($"{request.PathBase}{BasePath}/{job.Id:D}", view);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] ExportJobService jobs, [FromServices] IExportJobStore store)
    {
        var query = context.Request.Query;
        var limit = DefaultListLimit;
        if (query.TryGetValue("limit", out var values))
        {
            if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaximumListLimit)
                return ExportProblems.Invalid("limit", $"must be one integer from 1 to {MaximumListLimit}.");
        }
        var user = context.User;
        var owned = await store.ListExportJobsAsync(IsAdmin(user) ? null : UserName(user), limit, context.RequestAborted);
        return TypedResults.Json(new ExportJobListResponse([.. owned.Select(j => View(j, user, jobs, context.Request.PathBase))]),
            ExportJsonContext.Default.ExportJobListResponse);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, [FromServices] ExportJobService jobs, [FromServices] IExportJobStore store)
    {
        var (job, problem) = await FindAsync(id, context.User, store, context.RequestAborted);
        if (job is null) return problem!;
        return TypedResults.Json(View(job, context.User, jobs, context.Request.PathBase), ExportJsonContext.Default.ExportJobView);
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext context, [FromServices] IExportJobStore store)
    {
        var (job, problem) = await FindAsync(id, context.User, store, context.RequestAborted);
        if (job is null) return problem!;
        if (job.State != ExportJobState.Succeeded) return ExportProblems.NotDownloadable(id, ExportJobStates.Name(job.State));
        if (job.OutputPath is not { } path || !File.Exists(path) || job.OutputSha256 is not { } sha256)
            return ExportProblems.NotDownloadable(id, "succeeded, but its output is gone (removed or on another node's disk)");
        var digest = Convert.ToBase64String(Convert.FromHexString(sha256));
        // RFC 9530 Repr-Digest, and the older RFC 3230 Digest that many clients still check.
        context.Response.Headers["Repr-Digest"] = $"sha-256=:{digest}:";
        context.Response.Headers["Digest"] = $"SHA-256={digest}";
        return TypedResults.PhysicalFile(path, "application/zip", $"research-export-{job.Id:D}.zip");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, [FromServices] ExportJobService jobs, [FromServices] IExportJobStore store)
    {
        var (job, problem) = await FindAsync(id, context.User, store, context.RequestAborted);
        if (job is null) return problem!;
        var outcome = await jobs.CancelAsync(job, context.RequestAborted);
        switch (outcome)
        {
            case ExportCancelOutcome.Removed:
                return TypedResults.NoContent();
            case ExportCancelOutcome.RunningElsewhere:
                return ExportProblems.RunningElsewhere(id, job.Node);
            case ExportCancelOutcome.NotFound:
                return ExportProblems.JobNotFound(id);
        }
        var current = await store.GetExportJobAsync(job.Id, context.RequestAborted) ?? job;
        var view = View(current, context.User, jobs, context.Request.PathBase);
        return outcome == ExportCancelOutcome.Cancelled
            ? TypedResults.Json(view, ExportJsonContext.Default.ExportJobView)
            : TypedResults.Json(view, ExportJsonContext.Default.ExportJobView, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The job when it exists and the user may see it (its owner, or an admin); otherwise the problem to answer.</summary>
    private static async Task<(ExportJob? Job, IResult? Problem)> FindAsync(string id, ClaimsPrincipal user, IExportJobStore store, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || !Guid.TryParseExact(id, "D", out var jobId))
            return (null, ExportProblems.Invalid("id", "must be an export job ID (a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)."));
        var job = await store.GetExportJobAsync(jobId, cancellationToken);
        if (job is null || !(IsAdmin(user) || string.Equals(job.Owner, UserName(user), StringComparison.Ordinal)))
            return (null, ExportProblems.JobNotFound(id));
        return (job, null);
    }

    internal static ExportJobView View(ExportJob job, ClaimsPrincipal user, ExportJobService jobs, PathString pathBase)
    {
        var request = JsonSerializer.Deserialize(job.Request, ExportJsonContext.Default.ExportJobRequest) ?? new ExportJobRequest();
        var patients = request.PatientIds ?? [];
        var selection = new ExportJobSelectionView(MaySeeIdentities(user) ? patients : null, patients.Count, request.Modalities ?? [],
            request.From, request.To, request.MinLesionCount, request.FlaggedLevel, request.AnyFlagged, request.All);
        var (total, exported, quarantined, failed, bytes) = (job.Total, job.Exported, job.Quarantined, job.Failed, job.BytesWritten);
        if (job.State == ExportJobState.Running && jobs.LiveProgress(job.Id) is { } live)
            (total, exported, quarantined, failed, bytes) = (live.Total, live.Exported, live.Quarantined, live.Failed, live.BytesWritten);
        var succeeded = job.State == ExportJobState.Succeeded;
        return new ExportJobView(job.Id, ExportJobStates.Name(job.State), job.Owner, request.Profile ?? jobs.Options.DefaultProfile, selection,
            new ExportJobProgressView(total, exported + quarantined + failed, exported, quarantined, failed, bytes),
            job.Patients, job.Studies, job.Error, job.CreatedAt, job.StartedAt, job.FinishedAt,
            job.FinishedAt?.AddDays(jobs.Options.RetentionDays),
            succeeded ? $"{pathBase}{BasePath}/{job.Id:D}/download" : null,
            succeeded ? job.OutputBytes : null,
            succeeded ? job.OutputSha256 : null);
    }

    private static bool MaySeeIdentities(ClaimsPrincipal user) => ImagingPolicies.Roles[ImagingPolicies.Clinical].Any(user.IsInRole);

    private static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(ImagingRoles.Admin);

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "(unnamed)";

    /// <summary>The whole body, or null once it exceeds <paramref name="maximum"/> bytes (a chunked body has no Content-Length to check first).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int maximum, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maximum) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
