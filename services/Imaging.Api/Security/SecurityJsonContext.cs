using System.Text.Json;
using System.Text.Json.Serialization;

namespace Imaging.Api.Security;

/// <summary>Source-generated JSON for the security endpoints' bodies (web defaults: camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditListResponse))]
[JsonSerializable(typeof(CurrentUserResponse))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
