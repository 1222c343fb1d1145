using Microsoft.AspNetCore.Routing;

namespace Imaging.Api.Workspace;

/// <summary>The workspace's endpoint groups, so the host can require a different policy of each: the clinical views
/// (patients, timelines, comparisons, finding search) and the de-identified research rows.</summary>
public sealed record WorkspaceRouteGroups(RouteGroupBuilder Clinical, RouteGroupBuilder Research);
