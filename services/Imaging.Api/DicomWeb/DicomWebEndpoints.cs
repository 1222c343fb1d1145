using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Codecs.Native;
using Imaging.Dicom.Imaging;
using Imaging.Gateway.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>DICOMweb (PS3.18) on the API: WADO-RS (instances, metadata, frames, rendered, thumbnails, bulk data), STOW-RS
/// and CORS. The host calls <see cref="AddImagingDicomWeb"/> and <see cref="MapDicomWeb"/>; QIDO-RS joins the same group.</summary>
public static class DicomWebEndpoints
{
    private const string LogCategory = "Imaging.Api.DicomWeb";
    private static int _codecsRegistered;

    /// <summary>Options from the <c>DicomWeb</c> section, the metadata sidecar files (also the gateway's ingest hook, see
    /// <see cref="IInstanceMetadataSidecar"/>) and every pixel codec. Needs <c>IStudyQueries</c>, <c>IInstanceIndex</c> and
    /// <c>IBlobStore</c>; STOW-RS also needs an <see cref="IngestCStoreProvider"/> (503 without one).</summary>
    public static IServiceCollection AddImagingDicomWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DicomWebOptions>().Bind(configuration.GetSection(DicomWebOptions.SectionName)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.TryAddSingleton<InstanceMetadataFiles>();
        services.TryAddSingleton<IInstanceMetadataSidecar>(sp => sp.GetRequiredService<InstanceMetadataFiles>());
        services.TryAddSingleton<DicomWebResources>();
        services.TryAddSingleton<DicomWebCors>();
        // Transcoding, frames and rendering decode whatever was stored: JPEG, JPEG-LS, JPEG 2000 included.
        if (Interlocked.Exchange(ref _codecsRegistered, 1) == 0)
        {
            JpegCodecs.Register(PixelCodecRegistry.Default);
            NativeCodecs.Register(PixelCodecRegistry.Default);
        }
        return services;
    }

    /// <summary>Maps the WADO-RS and STOW-RS routes under <paramref name="prefix"/>, which must equal
    /// <see cref="DicomWebOptions.PathPrefix"/> (the precomputed metadata's bulk data URIs use it). Returns the group, for
    /// authorization and for QIDO-RS to join.</summary>
    public static RouteGroupBuilder MapDicomWeb(this IEndpointRouteBuilder endpoints, string prefix = "/dicomweb")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DicomWebOptions>>().Value;
        if (!string.Equals(prefix, options.PathPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"MapDicomWeb(\"{prefix}\") differs from {DicomWebOptions.SectionName}:{nameof(DicomWebOptions.PathPrefix)} \"{options.PathPrefix}\"; the metadata's bulk data URIs would point elsewhere.");
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        var cors = endpoints.ServiceProvider.GetRequiredService<DicomWebCors>();

        var group = endpoints.MapGroup(prefix).AddEndpointFilter(cors).AddEndpointFilter<DatabaseUnavailableFilter>();
        // Browsers send preflights without credentials: it must stay anonymous when the group requires authorization.
        group.MapMethods("/{**path}", [HttpMethods.Options], (HttpContext context) => cors.Preflight(context)).WithName("DicomWebPreflight")
            .AllowAnonymous();

        const string Study = "/studies/{study}";
        const string Series = Study + "/series/{series}";
        const string Instance = Series + "/instances/{instance}";

        group.MapGet(Study, (HttpContext c, DicomWebResources r, string study, CancellationToken ct) =>
            InstanceRetrieve.GetAsync(c, r, logger, study, null, null, ct)).WithName("WadoRetrieveStudy");
        group.MapGet(Series, (HttpContext c, DicomWebResources r, string study, string series, CancellationToken ct) =>
            InstanceRetrieve.GetAsync(c, r, logger, study, series, null, ct)).WithName("WadoRetrieveSeries");
        group.MapGet(Instance, (HttpContext c, DicomWebResources r, string study, string series, string instance, CancellationToken ct) =>
            InstanceRetrieve.GetAsync(c, r, logger, study, series, instance, ct)).WithName("WadoRetrieveInstance");

        group.MapGet(Study + "/metadata", (HttpContext c, DicomWebResources r, InstanceMetadataFiles m, string study, CancellationToken ct) =>
            MetadataRetrieve.GetAsync(c, r, m, logger, study, null, null, ct)).WithName("WadoStudyMetadata");
        group.MapGet(Series + "/metadata", (HttpContext c, DicomWebResources r, InstanceMetadataFiles m, string study, string series, CancellationToken ct) =>
            MetadataRetrieve.GetAsync(c, r, m, logger, study, series, null, ct)).WithName("WadoSeriesMetadata");
        group.MapGet(Instance + "/metadata", (HttpContext c, DicomWebResources r, InstanceMetadataFiles m, string study, string series, string instance,
            CancellationToken ct) => MetadataRetrieve.GetAsync(c, r, m, logger, study, series, instance, ct)).WithName("WadoInstanceMetadata");

        group.MapGet(Instance + "/frames/{frames}", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            string instance, string frames, CancellationToken ct) => FrameRetrieve.GetAsync(c, r, o, logger, study, series, instance, frames, ct))
            .WithName("WadoFrames");
        group.MapGet(Instance + "/bulkdata/{**tagPath}", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            string instance, string tagPath, CancellationToken ct) => BulkDataRetrieve.GetAsync(c, r, o, logger, study, series, instance, tagPath, ct))
            .WithName("WadoBulkData");

        group.MapGet(Instance + "/rendered", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            string instance, CancellationToken ct) => RenderedRetrieve.GetAsync(c, r, o, logger, study, series, instance, null, false, ct))
            .WithName("WadoInstanceRendered");
        group.MapGet(Instance + "/frames/{frames}/rendered", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study,
            string series, string instance, string frames, CancellationToken ct) =>
            RenderedRetrieve.GetAsync(c, r, o, logger, study, series, instance, frames, false, ct)).WithName("WadoFrameRendered");
        group.MapGet(Series + "/rendered", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            CancellationToken ct) => RenderedRetrieve.GetAsync(c, r, o, logger, study, series, null, null, false, ct)).WithName("WadoSeriesRendered");
        group.MapGet(Study + "/rendered", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, CancellationToken ct) =>
            RenderedRetrieve.GetAsync(c, r, o, logger, study, null, null, null, false, ct)).WithName("WadoStudyRendered");

        group.MapGet(Instance + "/thumbnail", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            string instance, CancellationToken ct) => RenderedRetrieve.GetAsync(c, r, o, logger, study, series, instance, null, true, ct))
            .WithName("WadoInstanceThumbnail");
        group.MapGet(Instance + "/frames/{frames}/thumbnail", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study,
            string series, string instance, string frames, CancellationToken ct) =>
            RenderedRetrieve.GetAsync(c, r, o, logger, study, series, instance, frames, true, ct)).WithName("WadoFrameThumbnail");
        group.MapGet(Series + "/thumbnail", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, string series,
            CancellationToken ct) => RenderedRetrieve.GetAsync(c, r, o, logger, study, series, null, null, true, ct)).WithName("WadoSeriesThumbnail");
        group.MapGet(Study + "/thumbnail", (HttpContext c, DicomWebResources r, IOptions<DicomWebOptions> o, string study, CancellationToken ct) =>
            RenderedRetrieve.GetAsync(c, r, o, logger, study, null, null, null, true, ct)).WithName("WadoStudyThumbnail");

        group.MapPost("/studies", (HttpContext c, IOptions<DicomWebOptions> o, CancellationToken ct) =>
            StowHandler.PostAsync(c, prefix, null, o, logger, ct)).WithName("StowStudies").DisableAntiforgery();
        group.MapPost(Study, (HttpContext c, IOptions<DicomWebOptions> o, string study, CancellationToken ct) =>
            StowHandler.PostAsync(c, prefix, study, o, logger, ct)).WithName("StowStudy").DisableAntiforgery();
        // QIDO-RS in the same group: the same CORS, database-unavailable answer and authorization.
        Qido.QidoEndpoints.MapQidoRoutes(group, prefix);
        return group;
    }
}
