using System.Net;
using System.Text;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Imaging.Api.Security;

/// <summary>Builds the <see cref="AuditEntry"/> of a finished request: the user as authenticated, the target without
/// secrets, and the patient, study, series and instance the route (or a QIDO-style query) named. Every field is capped:
/// the request is hostile input.</summary>
internal static class AuditEntryFactory
{
    public const int MaximumTargetLength = 2048;
    private const int MaximumValueLength = 128;
    private const int MaximumNameLength = 256;

    /// <summary>Query parameters whose value is masked: a token or key in a URL must not end up in the audit log.</summary>
    private static readonly string[] SecretParameterParts = ["token", "key", "secret", "password", "passwd", "auth", "signature", "credential"];

    private enum Kind { None, Patient, Study, Series, Instance }

    public static AuditEntry Create(HttpContext context, DateTimeOffset at, TimeSpan duration, int statusCode)
    {
        var user = context.User;
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated);
        var roles = identity is null ? [] : SecurityProblems.Roles(user);
        string? patient = null, study = null, series = null, instance = null;
        void Take(Kind kind, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            value = Cap(value, MaximumValueLength);
            switch (kind)
            {
                case Kind.Patient: patient ??= value; break;
                case Kind.Study: study ??= value; break;
                case Kind.Series: series ??= value; break;
                case Kind.Instance: instance ??= value; break;
            }
        }

        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            PathSegmentFromRoute(endpoint.RoutePattern, context.Request.RouteValues, Take);
        }
        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Count > 0) Take(QueryKind(name), values[0]);
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4();
        return new AuditEntry(0, at,
            identity is null ? null : Cap(identity.Name ?? "(unnamed)", MaximumNameLength),
            roles.Length == 0 ? null : Cap(string.Join(",", roles), MaximumNameLength),
            AuthenticationAttempt.Scheme(context) ?? identity?.AuthenticationType,
            remote?.ToString(),
            Cap(context.Request.Method, 16),
            Target(context.Request),
            patient, study, series, instance, statusCode, duration);
    }

    private static void PathSegmentFromRoute(RoutePattern pattern, RouteValueDictionary values, Action<Kind, string?> take)
    {
        string? previousLiteral = null;
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts is [RoutePatternLiteralPart literal])
            {
                previousLiteral = literal.Content;
                continue;
            }
            foreach (var part in segment.Parts.OfType<RoutePatternParameterPart>())
            {
                var kind = SegmentKind(previousLiteral);
                if (kind == Kind.None) kind = NameKind(part.Name);
                take(kind, values.TryGetValue(part.Name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null);
            }
            previousLiteral = null;
        }
    }

    /// <summary>The REST and DICOMweb convention: a value follows the collection it is from (<c>/studies/{x}</c>).</summary>
    private static Kind SegmentKind(string? literal) => literal?.ToLowerInvariant() switch
    {
        "patients" => Kind.Patient,
        "studies" => Kind.Study,
        "series" => Kind.Series,
        "instances" => Kind.Instance,
        _ => Kind.None,
    };

    private static Kind NameKind(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Contains("patient", StringComparison.Ordinal)) return Kind.Patient;
        if (lower.Contains("study", StringComparison.Ordinal)) return Kind.Study;
        if (lower.Contains("series", StringComparison.Ordinal)) return Kind.Series;
        if (lower.Contains("instance", StringComparison.Ordinal) || lower.Contains("sop", StringComparison.Ordinal)) return Kind.Instance;
        return Kind.None;
    }

    /// <summary>QIDO-RS keys by keyword or tag, and the REST API's <c>patientId</c>.</summary>
    private static Kind QueryKind(string name) => name.ToUpperInvariant() switch
    {
        "PATIENTID" or "00100020" => Kind.Patient,
        "STUDYINSTANCEUID" or "0020000D" => Kind.Study,
        "SERIESINSTANCEUID" or "0020000E" => Kind.Series,
        "SOPINSTANCEUID" or "00080018" => Kind.Instance,
        _ => Kind.None,
    };

    /// <summary>Path and query, re-encoded, secret-looking values masked, capped at <see cref="MaximumTargetLength"/>.</summary>
    public static string Target(HttpRequest request)
    {
        var target = new StringBuilder(Cap(request.PathBase.Add(request.Path).ToUriComponent(), MaximumTargetLength));
        var separator = '?';
        foreach (var (name, values) in request.Query)
        {
            var secret = SecretParameterParts.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));
            foreach (var value in values)
            {
                if (target.Length >= MaximumTargetLength) break;
                target.Append(separator).Append(Uri.EscapeDataString(Cap(name, MaximumTargetLength))).Append('=')
                    .Append(secret ? "***" : Uri.EscapeDataString(Cap(value ?? "", MaximumTargetLength)));
                separator = '&';
            }
        }
        return Cap(target.ToString(), MaximumTargetLength);
    }

    private static string Cap(string value, int length) => value.Length <= length ? value : string.Concat(value.AsSpan(0, length - 1), "…");
}
