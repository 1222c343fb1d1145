using System.Text.Json;
using System.Text.Json.Serialization;
using Imaging.Storage;

namespace Imaging.Api;

/// <summary>Source-generated JSON for the API's bodies with the web defaults (camelCase), independent of how the host
/// configured its own JSON options.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StudyListResponse))]
[JsonSerializable(typeof(StudyDetail))]
[JsonSerializable(typeof(SeriesFindingsResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
