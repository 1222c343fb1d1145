using Imaging.Storage;

namespace Imaging.Api;

/// <summary>Body of <c>GET /api/studies</c>: one page of studies and the paging that produced it.</summary>
public sealed record StudyListResponse(IReadOnlyList<StudySummary> Studies, int Limit, int Offset);
