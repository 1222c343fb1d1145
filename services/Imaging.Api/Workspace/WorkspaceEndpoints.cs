using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Imaging.Api.Workspace;

/// <summary>The radiologist workspace's REST endpoints under <c>/api</c>: patients, timelines, comparisons, finding
/// searches and de-identified research rows. Register the services with
/// <see cref="WorkspaceServiceCollectionExtensions.AddImagingWorkspace"/> first.</summary>
public static class WorkspaceEndpoints
{
    /// <summary>Maps the workspace; every endpoint answers 503 while the index database cannot be reached.</summary>
    public static WorkspaceRouteGroups MapImagingWorkspace(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").AddEndpointFilter<DatabaseUnavailableFilter>().WithTags("Workspace");
        api.MapGet("/patients", SearchPatientsAsync).WithName("SearchPatients")
            .WithSummary("Search patients by ID prefix, name (PN wildcards or fuzzy words) and birth date")
            .WithMetadata(Docs(
                ("q", "string", "Search box: a patient ID prefix, or words each matching the start of a name component (\"doe jo\" matches DOE^JOHN)."),
                ("patientId", "string", "Exact patient ID."),
                ("name", "string", "DICOM PN matching with * and ?, case-insensitive, e.g. DOE^J*."),
                ("fuzzy", "boolean", "true: match name like q (word starts)."),
                ("birthDate", "string", "yyyyMMdd or yyyy-MM-dd, or a range a-b, a- or -b."),
                ("limit", "integer", $"Page size, 1 to {PatientSearch.MaximumLimit} (default {PatientSearchParameters.DefaultLimit})."),
                ("offset", "integer", "Items to skip.")))
            .Produces<PatientListResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/patients/{patientId}", GetPatientAsync).WithName("GetPatient")
            .WithSummary("One patient with study count and latest study date")
            .Produces<PatientSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/patients/{patientId}/timeline", GetTimelineAsync).WithName("GetPatientTimeline")
            .WithSummary("A patient's studies, oldest first, with series and findings summaries")
            .Produces<TimelineResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/patients/{patientId}/comparison", GetComparisonAsync).WithName("GetPatientComparison")
            .WithSummary("What changed between two timepoints: bone-scan lesions and spine levels")
            .WithMetadata(Docs(
                ("baseline", "string", "Study Instance UID of the earlier study (default: see followup)."),
                ("followup", "string", "Study Instance UID of the later study (default: the two most recent studies with findings of one analyzer).")))
            .Produces<ComparisonResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/findings/search", SearchFindingsAsync).WithName("SearchFindings")
            .WithSummary("Findings across patients by lesion count, flagged level, new lesions, modality and study date")
            .WithMetadata(FindingSearchDocs())
            .Produces<FindingSearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var research = endpoints.MapGroup("/api/research").AddEndpointFilter<DatabaseUnavailableFilter>().WithTags("Research");
        research.MapGet("/findings", ResearchFindingsAsync).WithName("ResearchFindings")
            .WithSummary("The finding search de-identified: keyed pseudonyms, days from the first study, no names, IDs, UIDs or dates")
            .WithMetadata(FindingSearchDocs())
            .Produces<ResearchFindingsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return new WorkspaceRouteGroups(api, research);
    }

    private static QueryParameterDocs Docs(params (string Name, string Type, string Description)[] parameters) =>
        new([.. parameters.Select(p => new QueryParameterDoc(p.Name, p.Type, p.Description))]);

    private static QueryParameterDocs FindingSearchDocs() => Docs(
        ("analyzer", "string", "Analyzer name, e.g. bone-scan or spine."),
        ("minLesionCount", "integer", "Lesion count at least this."),
        ("maxLesionCount", "integer", "Lesion count at most this."),
        ("level", "string", "A vertebral level that must be flagged, e.g. T5."),
        ("newLesionsSince", "boolean", "true: only findings whose comparison with the prior counted new lesions."),
        ("modality", "string", "Series modality, or the modality the findings name."),
        ("from", "string", "Study date from (yyyy-MM-dd or yyyyMMdd), inclusive."),
        ("to", "string", "Study date to, inclusive."),
        ("limit", "integer", $"Page size, 1 to {FindingSearch.MaximumLimit} (default {FindingSearchParameters.DefaultLimit})."),
        ("offset", "integer", "Items to skip."));

    private static async Task<IResult> SearchPatientsAsync(HttpRequest request, [FromServices] IPatientQueries queries, CancellationToken cancellationToken)
    {
        if (!PatientSearchParameters.TryParse(request.Query, out var search, out var error)) return WorkspaceProblems.Invalid(error);
        var page = await queries.SearchPatientsAsync(search, cancellationToken);
        return TypedResults.Json(new PatientListResponse(page.Items, search.Limit, search.Offset, page.Total), WorkspaceJsonContext.Default.PatientListResponse);
    }

    private static async Task<IResult> GetPatientAsync(string patientId, [FromServices] IPatientQueries queries,
        CancellationToken cancellationToken)
    {
        var id = PatientRouteValue.Decode(patientId);
        if (!PatientRouteValue.IsValid(id)) return WorkspaceProblems.Invalid(PatientRouteValue.Error);
        var patient = await queries.GetPatientAsync(id, cancellationToken);
        return patient is null ? WorkspaceProblems.PatientNotFound(id) : TypedResults.Json(patient, WorkspaceJsonContext.Default.PatientSummary);
    }

    private static async Task<IResult> GetTimelineAsync(string patientId, [FromServices] IPatientQueries queries,
        CancellationToken cancellationToken)
    {
        var id = PatientRouteValue.Decode(patientId);
        if (!PatientRouteValue.IsValid(id)) return WorkspaceProblems.Invalid(PatientRouteValue.Error);
        var patient = await queries.GetPatientAsync(id, cancellationToken);
        if (patient is null) return WorkspaceProblems.PatientNotFound(id);
        var studies = await queries.GetPatientStudiesAsync(id, cancellationToken);
        return TypedResults.Json(TimelineBuilder.Build(patient, studies), WorkspaceJsonContext.Default.TimelineResponse);
    }

    private static async Task<IResult> GetComparisonAsync(string patientId, HttpContext context, [FromServices] WorkspaceComparisons comparisons,
        CancellationToken cancellationToken)
    {
        var id = PatientRouteValue.Decode(patientId);
        if (!PatientRouteValue.IsValid(id)) return WorkspaceProblems.Invalid(PatientRouteValue.Error);
        var query = context.Request.Query;
        if (QueryParameters.TryRejectRepeated(query, ["baseline", "followup"], out var repeated)) return WorkspaceProblems.Invalid(repeated);
        var baseline = QueryParameters.Value(query, "baseline");
        var followup = QueryParameters.Value(query, "followup");
        if (baseline is { Length: 0 }) baseline = null;
        if (followup is { Length: 0 }) followup = null;
        if (baseline is not null && !DicomUidValidator.IsValid(baseline)) return InvalidUid("baseline");
        if (followup is not null && !DicomUidValidator.IsValid(followup)) return InvalidUid("followup");
        return await comparisons.CompareAsync(id, baseline, followup, cancellationToken);
    }

    private static IResult InvalidUid(string parameter) =>
        ApiProblems.InvalidParameter(parameter, $"must be a DICOM UID: digits and single dots, at most {DicomUidValidator.MaximumLength} characters.");

    private static async Task<IResult> SearchFindingsAsync(HttpRequest request, [FromServices] IPatientQueries queries, CancellationToken cancellationToken)
    {
        if (!FindingSearchParameters.TryParse(request.Query, out var search, out var error)) return WorkspaceProblems.Invalid(error);
        var page = await queries.SearchFindingsAsync(search, cancellationToken);
        var items = page.Items.Select(m => new FindingSearchItem(m.PatientId, m.PatientName, m.StudyInstanceUid, m.StudyDate, m.SeriesInstanceUid,
            m.Analyzer, m.LesionCount, m.NewCount, m.FlaggedLevels)).ToList();
        return TypedResults.Json(new FindingSearchResponse(items, search.Limit, search.Offset, page.Total), WorkspaceJsonContext.Default.FindingSearchResponse);
    }

    private static async Task<IResult> ResearchFindingsAsync(HttpRequest request, [FromServices] IPatientQueries queries,
        [FromServices] ResearchPseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        if (!FindingSearchParameters.TryParse(request.Query, out var search, out var error)) return WorkspaceProblems.Invalid(error);
        var page = await queries.SearchFindingsAsync(search, cancellationToken);
        var rows = page.Items.Select(m => new ResearchFindingRow(pseudonyms.Patient(m.PatientId), pseudonyms.Study(m.StudyInstanceUid),
            DaysBetween(m.FirstStudyDate, m.StudyDate), m.Analyzer, m.LesionCount, m.NewCount, m.FlaggedLevels)).ToList();
        return TypedResults.Json(new ResearchFindingsResponse(rows, search.Limit, search.Offset, page.Total), WorkspaceJsonContext.Default.ResearchFindingsResponse);
    }

    private static int? DaysBetween(string? first, string? date) =>
        WorkspaceComparisons.TryParseDa(first, out var a) && WorkspaceComparisons.TryParseDa(date, out var b) ? b.DayNumber - a.DayNumber : null;
}
