using System.Text.Json;
using System.Text.Json.Serialization;

namespace Imaging.Api.Workspace;

/// <summary>Source-generated JSON for the workspace bodies with the web defaults (camelCase), nulls written: the
/// contract's fields are always present.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PatientListResponse))]
[JsonSerializable(typeof(TimelineResponse))]
[JsonSerializable(typeof(ComparisonResponse))]
[JsonSerializable(typeof(FindingSearchResponse))]
[JsonSerializable(typeof(ResearchFindingsResponse))]
[JsonSerializable(typeof(Imaging.Storage.PatientSummary))]
internal sealed partial class WorkspaceJsonContext : JsonSerializerContext;
