using System.Text.Json;
using System.Text.Json.Serialization;
using Imaging.Export;

namespace Imaging.Cli.Export;

/// <summary>The ExportResult `imaging export --json` prints (camelCase, indented).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ExportResult))]
internal sealed partial class CliExportJsonContext : JsonSerializerContext;
