using System.Text.Json;
using Imaging.Api.Security;
using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Imaging.Api;

/// <summary>The REST API over the index and the findings store. The host registers <see cref="IStudyQueries"/> and
/// <see cref="IFindingsStore"/> and calls <see cref="MapImagingApi"/>; /health stays the host's.</summary>
public static class ImagingApiEndpoints
{
    /// <summary>Maps <c>GET /api/studies</c>, <c>GET /api/studies/{uid}</c> and <c>GET /api/series/{uid}/findings</c>; each
    /// answers 503 while the index database cannot be reached.</summary>
    public static RouteGroupBuilder MapImagingApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // A database that is down or restarting is the server's temporary state, not a bug: 503, not 500.
        var api = endpoints.MapGroup("/api").AddEndpointFilter<DatabaseUnavailableFilter>();
        // Identifying patient data: radiologists and admins only (issue 8; researchers use /api/research).
        api.RequireAuthorization(ImagingPolicies.Clinical);
        api.MapGet("/studies", ListStudiesAsync).WithName("ListStudies");
        api.MapGet("/studies/{uid}", GetStudyAsync).WithName("GetStudy");
        api.MapGet("/series/{uid}/findings", GetSeriesFindingsAsync).WithName("GetSeriesFindings");
        return api;
    }

    private static async Task<IResult> ListStudiesAsync(HttpRequest request, [FromServices] IStudyQueries queries, CancellationToken cancellationToken)
    {
        if (!StudyListParameters.TryParse(request.Query, out var query, out var error))
            return ApiProblems.InvalidParameter(error.Parameter, error.Message);
        var studies = await queries.QueryStudiesAsync(query, cancellationToken);
        return TypedResults.Json(new StudyListResponse(studies, query.Limit, query.Offset), ApiJsonContext.Default.StudyListResponse);
    }

    private static async Task<IResult> GetStudyAsync(string uid, [FromServices] IStudyQueries queries, CancellationToken cancellationToken)
    {
        if (!DicomUidValidator.IsValid(uid)) return InvalidUid();
        var study = await queries.GetStudyAsync(uid, cancellationToken);
        return study is null ? ApiProblems.NotFound("study", uid) : TypedResults.Json(study, ApiJsonContext.Default.StudyDetail);
    }

    private static async Task<IResult> GetSeriesFindingsAsync(string uid, [FromServices] IStudyQueries queries, [FromServices] IFindingsStore findings,
        CancellationToken cancellationToken)
    {
        if (!DicomUidValidator.IsValid(uid)) return InvalidUid();
        var series = await queries.GetSeriesAsync(uid, cancellationToken);
        if (series is null) return ApiProblems.NotFound("series", uid);
        var records = await findings.GetFindingsAsync(uid, cancellationToken);
        await OutboxTraceContext.LinkCurrentToFindingsAsync(findings, uid, cancellationToken); // Telemetry (issue 10): link to the analysis trace
        var body = new SeriesFindingsResponse(series.SeriesInstanceUid, series.Modality, series.State, series.ReadyVersion, series.InstanceCount,
            [.. records.Select(ToItem)]);
        return TypedResults.Json(body, ApiJsonContext.Default.SeriesFindingsResponse);
    }

    private static IResult InvalidUid() =>
        ApiProblems.InvalidParameter("uid", $"must be a DICOM UID: digits and single dots, at most {DicomUidValidator.MaximumLength} characters.");

    private static FindingsItem ToItem(FindingsRecord record)
    {
        try
        {
            using var document = JsonDocument.Parse(record.Payload);
            return new FindingsItem(record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt, document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            // One bad record must not hide the series' other findings.
            return new FindingsItem(record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt, null,
                $"The stored payload is not JSON: {ex.Message}");
        }
    }
}
