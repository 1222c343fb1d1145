namespace Imaging.Api.Export;

/// <summary>One export job as the API shows it. Original patient IDs appear only to users allowed to see identities.</summary>
/// <param name="Id">The job.</param>
/// <param name="State">queued, running, succeeded, failed or cancelled.</param>
/// <param name="Owner">Who created it.</param>
/// <param name="Profile">The de-identification options in force.</param>
/// <param name="Selection">The cohort asked for.</param>
/// <param name="Progress">Instances done of the total (live while running).</param>
/// <param name="Patients">Pseudonymous patients in the output, once succeeded.</param>
/// <param name="Studies">Studies in the output, once succeeded.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">Accepted at.</param>
/// <param name="StartedAt">Started at.</param>
/// <param name="FinishedAt">Finished at.</param>
/// <param name="ExpiresAt">When retention removes it, once finished.</param>
/// <param name="DownloadUrl">The ZIP's URL, once succeeded.</param>
/// <param name="SizeBytes">The ZIP's size.</param>
/// <param name="Sha256">The ZIP's SHA-256, lower-case hex (also in the download's Repr-Digest header).</param>
public sealed record ExportJobView(
    Guid Id,
    string State,
    string Owner,
    string Profile,
    ExportJobSelectionView Selection,
    ExportJobProgressView Progress,
    int? Patients,
    int? Studies,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ExpiresAt,
    string? DownloadUrl,
    long? SizeBytes,
    string? Sha256);

/// <summary>The cohort of a job; <paramref name="PatientIds"/> is null for callers who may not see identities.</summary>
public sealed record ExportJobSelectionView(
    IReadOnlyList<string>? PatientIds,
    int PatientCount,
    IReadOnlyList<string> Modalities,
    string? From,
    string? To,
    int? MinLesionCount,
    string? FlaggedLevel,
    bool AnyFlagged,
    bool All);

/// <summary>Instances selected and handled so far.</summary>
public sealed record ExportJobProgressView(int Total, int Done, int Exported, int Quarantined, int Failed, long BytesWritten);

/// <summary>The body of <c>GET /api/research/exports</c>: the caller's jobs (an admin's: everyone's), newest first.</summary>
public sealed record ExportJobListResponse(IReadOnlyList<ExportJobView> Items);
