using Imaging.Storage;

namespace Imaging.Api.Workspace;

/// <summary>Body of <c>GET /api/patients</c>: one page of patients, the paging that produced it and the total.</summary>
public sealed record PatientListResponse(IReadOnlyList<PatientSummary> Items, int Limit, int Offset, int Total);
