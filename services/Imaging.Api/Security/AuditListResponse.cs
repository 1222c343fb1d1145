namespace Imaging.Api.Security;

/// <summary>The body of <c>GET /api/audit</c>: one page of entries, newest first.</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditItem> Items, int Limit, int Offset);
