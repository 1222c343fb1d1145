using System.Text.Json;
using System.Text.Json.Serialization;

namespace Imaging.Api.Export;

/// <summary>Source-generated JSON of the export bodies, web defaults (camelCase, case-insensitive reading).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExportJobRequest))]
[JsonSerializable(typeof(ExportJobView))]
[JsonSerializable(typeof(ExportJobListResponse))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
