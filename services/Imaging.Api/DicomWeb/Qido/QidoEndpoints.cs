using System.Diagnostics;
using Imaging.Dicom.Network;
using Imaging.Storage;
using Imaging.Storage.DicomWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>QIDO-RS (PS3.18 10.6): study, series and instance searches over the index, answered as DICOM JSON.</summary>
public static partial class QidoEndpoints
{
    /// <summary>Binds <see cref="QidoOptions"/> and, unless the host registered one, uses the <see cref="IImagingStore"/>
    /// (both stores implement it) as <see cref="IDicomWebQueries"/>.</summary>
    public static IServiceCollection AddQidoRs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QidoOptions>()
            .Bind(configuration.GetSection(QidoOptions.SectionName))
            .Validate(o => o.DefaultLimit >= 1 && o.MaximumLimit >= o.DefaultLimit && o.MaximumLimit <= QidoQuery.MaximumLimit,
                $"DicomWeb:Qido: need 1 <= DefaultLimit <= MaximumLimit <= {QidoQuery.MaximumLimit}.")
            .Validate(o => o.MaximumOffset >= 0, "DicomWeb:Qido:MaximumOffset must not be negative.")
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https"),
                "DicomWeb:Qido:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.TryAddSingleton<IDicomWebQueries>(sp => sp.GetRequiredService<IImagingStore>() as IDicomWebQueries
            ?? throw new InvalidOperationException("The registered IImagingStore does not implement IDicomWebQueries."));
        return services;
    }

    /// <summary>Maps the six QIDO-RS search routes under <paramref name="prefix"/>; each answers 503 while the index
    /// database cannot be reached. Returns the group, for the host to add authorization.</summary>
    public static RouteGroupBuilder MapQidoRs(this IEndpointRouteBuilder endpoints, string prefix = "/dicomweb")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var group = endpoints.MapGroup(prefix).AddEndpointFilter<DatabaseUnavailableFilter>();
        MapQidoRoutes(group, prefix);
        return group;
    }

    /// <summary>Maps the six search routes into an existing DICOMweb group (the one WADO-RS and STOW-RS share, so CORS and
    /// authorization apply alike); <paramref name="prefix"/> is that group's, for the RetrieveURLs.</summary>
    internal static void MapQidoRoutes(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("/studies", (HttpContext c, CancellationToken _) => SearchAsync(c, prefix, QidoLevel.Study, null, null)).WithName("QidoSearchStudies");
        group.MapGet("/series", (HttpContext c, CancellationToken _) => SearchAsync(c, prefix, QidoLevel.Series, null, null)).WithName("QidoSearchSeries");
        group.MapGet("/instances", (HttpContext c, CancellationToken _) => SearchAsync(c, prefix, QidoLevel.Instance, null, null)).WithName("QidoSearchInstances");
        group.MapGet("/studies/{study}/series", (HttpContext c, string study) => SearchAsync(c, prefix, QidoLevel.Series, study, null))
            .WithName("QidoSearchStudySeries");
        group.MapGet("/studies/{study}/instances", (HttpContext c, string study) => SearchAsync(c, prefix, QidoLevel.Instance, study, null))
            .WithName("QidoSearchStudyInstances");
        group.MapGet("/studies/{study}/series/{series}/instances",
            (HttpContext c, string study, string series) => SearchAsync(c, prefix, QidoLevel.Instance, study, series))
            .WithName("QidoSearchSeriesInstances");
    }

    private static async Task<IResult> SearchAsync(HttpContext context, string prefix, QidoLevel level, string? study, string? series)
    {
        var request = context.Request;
        if (QidoMediaTypes.Negotiate(request.Headers.Accept) is not { } contentType) return QidoProblems.NotAcceptable();
        if (study is not null && !DicomUidValidator.IsValid(study)) return InvalidUid("study");
        if (series is not null && !DicomUidValidator.IsValid(series)) return InvalidUid("series");

        var options = context.RequestServices.GetRequiredService<IOptions<QidoOptions>>().Value;
        var path = new List<QidoCondition>(2);
        if (study is not null) path.Add(new QidoCondition(QidoAttribute.StudyInstanceUid, QidoMatchKind.Single, [study]));
        if (series is not null) path.Add(new QidoCondition(QidoAttribute.SeriesInstanceUid, QidoMatchKind.Single, [series]));
        if (!QidoQueryParser.TryParse(request.Query, level, study is not null, series is not null, options, path, out var parsed, out var errors))
            return QidoProblems.InvalidQuery(errors);

        var queries = context.RequestServices.GetRequiredService<IDicomWebQueries>();
        var cancellationToken = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var service = (options.PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}") + prefix;
        IReadOnlyList<QidoRow> rows;
        bool hasMore;
        switch (level)
        {
            case QidoLevel.Study:
            {
                var page = await queries.SearchStudiesAsync(parsed.Query, cancellationToken).ConfigureAwait(false);
                rows = [.. page.Items.Select(m => new QidoRow(m.Study, m, null, null, null, $"{service}/studies/{m.Study.StudyInstanceUid}"))];
                hasMore = page.HasMore;
                break;
            }
            case QidoLevel.Series:
            {
                var page = await queries.SearchSeriesAsync(parsed.Query, cancellationToken).ConfigureAwait(false);
                rows = [.. page.Items.Select(m => new QidoRow(m.Study, null, m.Series, m.InstanceCount, null,
                    $"{service}/studies/{m.Study.StudyInstanceUid}/series/{m.Series.SeriesInstanceUid}"))];
                hasMore = page.HasMore;
                break;
            }
            default:
            {
                var page = await queries.SearchInstancesAsync(parsed.Query, cancellationToken).ConfigureAwait(false);
                rows = [.. page.Items.Select(m => new QidoRow(m.Study, null, m.Series, null, m,
                    $"{service}/studies/{m.Study.StudyInstanceUid}/series/{m.Series.SeriesInstanceUid}/instances/{m.SopInstanceUid}"))];
                hasMore = page.HasMore;
                break;
            }
        }
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QidoEndpoints));
        Searched(logger, level, parsed.Query.Conditions.Count, rows.Count, hasMore, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new QidoJsonResult(rows, parsed.ReturnAttributes, contentType, hasMore, service);
    }

    private static IResult InvalidUid(string parameter) =>
        ApiProblems.InvalidParameter(parameter, $"must be a DICOM UID: digits and single dots, at most {DicomUidValidator.MaximumLength} characters.");

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "QIDO-RS {Level} search with {Conditions} conditions returned {Count} results (more: {HasMore}) in {ElapsedMs:F1} ms")]
    private static partial void Searched(ILogger logger, QidoLevel level, int conditions, int count, bool hasMore, double elapsedMs);
}
