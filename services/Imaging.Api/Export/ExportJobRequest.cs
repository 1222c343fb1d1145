namespace Imaging.Api.Export;

/// <summary>The body of <c>POST /api/research/exports</c>, and (normalised) what a job row keeps of it.</summary>
/// <param name="PatientIds">Original patient IDs (radiologists and admins only); empty or missing for a selection by criteria.</param>
/// <param name="Modalities">Modalities such as NM, CT, MR.</param>
/// <param name="From">Earliest study date, yyyy-MM-dd.</param>
/// <param name="To">Latest study date, yyyy-MM-dd.</param>
/// <param name="MinLesionCount">Studies whose bone-scan findings count at least this many lesions.</param>
/// <param name="FlaggedLevel">Studies whose spine findings flag this level (e.g. T7).</param>
/// <param name="AnyFlagged">Studies whose spine findings flag any level.</param>
/// <param name="All">Required to export with no criterion at all: the whole archive.</param>
/// <param name="Profile">The de-identification profile, e.g. "basic,retain-longitudinal-modified-dates".</param>
public sealed record ExportJobRequest(
    IReadOnlyList<string>? PatientIds = null,
    IReadOnlyList<string>? Modalities = null,
    string? From = null,
    string? To = null,
    int? MinLesionCount = null,
    string? FlaggedLevel = null,
    bool AnyFlagged = false,
    bool All = false,
    string? Profile = null);
