using System.Net;
using Imaging.Api;
using Imaging.Api.DicomWeb;
using Imaging.Api.Export;
using Imaging.Api.DicomWeb.Qido;
using Imaging.Api.Security;
using Imaging.Api.Ui;
using Imaging.Api.Workspace;
using Imaging.Cli.Demo;
using Imaging.Contracts;
using Imaging.Gateway;
using Imaging.Gateway.Ingest;
using Imaging.Gateway.Pipeline;
using Imaging.Gateway.Priors;
using Imaging.Gateway.Query;
using Imaging.ServiceDefaults.Health;
using Imaging.ServiceDefaults.Messaging;
using Imaging.ServiceDefaults.Resilience;
using Imaging.ServiceDefaults.Telemetry;
using Imaging.Storage;
using Imaging.Worker;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly.Registry;

namespace Imaging.Cli.Serve;

/// <summary>The process `imaging serve` runs: every role in one process by default (gateway, worker, API over SQLite and
/// the in-memory bus), or one role of the distributed mode over PostgreSQL and RabbitMQ.</summary>
internal static class ServeHost
{
    /// <summary>Longest an ingested instance waits before the relay and the assembler look at it: short next to any quiet
    /// timeout, long enough to gather the instances of a busy second into a few rounds.</summary>
    private static readonly TimeSpan IngestWakeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Builds the host; <paramref name="options"/> must be validated and its data folder must exist.</summary>
    public static WebApplication Create(ServeOptions options, IConfiguration configuration, GatewayOptions? gateway = null)
    {
        gateway ??= ServeConfiguration.BindGateway(configuration, options);
        // Demo (issue 8): with Demo:Enabled, results to our own SCP and the demo's AEs admitted; otherwise unchanged.
        configuration = Demo.DemoHost.Configure(configuration, options, gateway);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "imaging",
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Replace the defaults (every environment variable, appsettings from the working folder) with exactly the
        // sources `serve` documents.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // HTTPS, the redirect port, HSTS and Kestrel's limits (security, issue 10): see ServeHttpTls.
        var http = ServeHttpTls.Load(configuration, options);
        builder.WebHost.ConfigureImagingKestrel(options, http);

        var role = options.Role;
        var services = builder.Services;
        services.AddImagingTelemetry(configuration, role == ServeRoles.All ? "imaging" : $"imaging-{role}");
        // Telemetry (issue 10): readiness checks for /health/ready (data folder, store; the bus adds its own).
        services.AddImagingHealth(configuration, dataDirectory, static (sp, token) => sp.GetRequiredService<IImagingStore>().PingAsync(token));
        services.AddImagingResilience(configuration);
        services.AddSingleton(TimeProvider.System);

        // One store for every role: the index, outbox, series readiness and findings behind one interface.
        services.AddSingleton<IImagingStore>(_ => string.IsNullOrWhiteSpace(options.Postgres)
            ? new SqliteImagingStore(Path.Combine(dataDirectory, "index.db"))
            : new PostgresImagingStore(options.Postgres));
        services.AddSingleton<IInstanceIndex>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IFindingsStore>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IStudyQueries>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<ISeriesReadinessStore>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IBlobStore>(_ => new FileSystemBlobStore(dataDirectory));
        // First hosted service: nothing may touch the database before its schema is current.
        services.AddHostedService<StoreMigrationService>();
        // Then, before the assembler and the DICOM listener start: rows left without their blob by a crash go.
        if (ServeRoles.RunsGateway(role)) services.AddHostedService<BlobReconciliation>();

        // Priors (issue 8): look-ups and retrievals from the configured PACS, started by a SeriesReady consumer.
        var priors = ServeRoles.RunsGateway(role) && services.AddImagingPriors(configuration);

        if (ServeRoles.RunsGateway(role) || ServeRoles.RunsWorker(role))
        {
            var messaging = configuration.ReadMessagingOptions();
            if (!string.IsNullOrWhiteSpace(options.RabbitMq))
            {
                messaging.Transport = MessagingTransport.RabbitMq;
                messaging.RabbitMqUri = new Uri(options.RabbitMq);
            }
            messaging.ConnectionName ??= $"imaging-{role}@{Environment.MachineName}";
            // A gateway declares the workers' queue itself when it publishes, so series that become ready before any
            // worker has ever started wait in it instead of being dropped by RabbitMQ (no queue bound yet).
            var workerQueue = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>()?.EndpointName
                ?? new WorkerOptions().EndpointName;
            services.AddImagingMessaging(messaging, bus =>
            {
                if (ServeRoles.RunsWorker(role)) bus.AddImagingWorkerConsumers();
                if (priors) bus.AddImagingPriorsConsumer();
                // Gateways on RabbitMQ share the data folder with other gateways: follow what those store, for Q/R.
                if (ServeRoles.RunsGateway(role) && messaging.Transport == MessagingTransport.RabbitMq)
                    bus.AddConsumer<SharedQueryIndexConsumer, SharedQueryIndexConsumerDefinition>();
            }, ServeRoles.RunsGateway(role) ? (_, bus) => bus.DeclareConsumerQueue<SeriesReady>(messaging, workerQueue) : null);
            services.AddImagingQueueDepth(messaging, workerQueue); // Telemetry (issue 10): imaging.bus.queue.depth
        }

        if (ServeRoles.RunsGateway(role))
        {
            services.AddSingleton(gateway);
            services.AddImagingPipeline(configuration);
            services.AddSingleton(sp =>
            {
                var ingest = new IngestCStoreProvider(sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IInstanceIndex>(),
                    SeriesQuietTimeouts.From(gateway), sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(ResiliencePipelineNames.Database),
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IngestCStoreProvider>>(),
                    sp.GetService<IInstanceMetadataSidecar>()); // DICOMweb: metadata precomputed at ingest
                // Wake the relay (InstanceStored) and the assembler (a new, earlier deadline) soon, instead of at their
                // next poll, but gathered: one round per IngestWakeInterval, not one per instance (see CoalescingNotifier).
                var relay = sp.GetRequiredKeyedService<CoalescingNotifier>(nameof(OutboxRelay));
                var assembler = sp.GetRequiredKeyedService<CoalescingNotifier>(nameof(SeriesAssembler));
                ingest.InstanceIngested += _ =>
                {
                    relay.Notify();
                    assembler.Notify();
                };
                return ingest;
            });
            services.AddKeyedSingleton(nameof(OutboxRelay), (sp, _) =>
                new CoalescingNotifier(sp.GetRequiredService<OutboxRelay>().Notify, IngestWakeInterval, sp.GetRequiredService<TimeProvider>()));
            services.AddKeyedSingleton(nameof(SeriesAssembler), (sp, _) =>
                new CoalescingNotifier(sp.GetRequiredService<SeriesAssembler>().Notify, IngestWakeInterval, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<DicomGatewayService>();
            services.AddHostedService(sp => sp.GetRequiredService<DicomGatewayService>());
        }

        // DICOMweb options, metadata sidecars (also written by the gateway's ingest) and codecs, in every role that ingests or
        // serves. STOW-RS uses the gateway's ingest, so it answers 503 in the API-only role.
        if (ServeRoles.RunsGateway(role) || ServeRoles.RunsApi(role)) services.AddImagingDicomWeb(configuration);

        if (ServeRoles.RunsWorker(role)) services.AddImagingWorker(worker => configuration.GetSection(WorkerOptions.SectionName).Bind(worker));
        if (ServeRoles.RunsApi(role)) AddApi(services, configuration, options, dataDirectory);
        // Seeds the demo patient after start; registers nothing unless Demo:Enabled.
        services.AddImagingDemo(configuration, options);

        var app = builder.Build();
        app.UseImagingHttps(options, http);
        var dicom = ServeRoles.RunsGateway(role) ? app.Services.GetRequiredService<DicomGatewayService>() : null;
        var store = app.Services.GetRequiredService<IImagingStore>();
        app.MapGet("/health", async (CancellationToken cancellationToken) =>
        {
            var report = await HealthReport.ProbeAsync(dataDirectory, CliVersion.Value, role, dicom?.Health(), store, cancellationToken);
            return Results.Json(report, HealthJsonContext.Default.HealthReport,
                statusCode: report.Status == HealthReport.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapImagingHealth(); // Telemetry (issue 10): /health/live and /health/ready
        if (ServeRoles.RunsApi(role)) MapApi(app);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServeLog.Category);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var free = HealthReport.FreeBytes(dataDirectory);
            ServeLog.Started(logger, CliVersion.Value, role, dataDirectory, free, HealthUrl(options, http.Tls.Enabled),
                string.IsNullOrWhiteSpace(options.Postgres) ? "sqlite" : "postgresql", string.IsNullOrWhiteSpace(options.RabbitMq) ? "in-memory" : "rabbitmq",
                string.Join(",", gateway.AeTitles), dicom?.DicomEndPoint?.ToString() ?? "-", dicom?.TlsEndPoint?.ToString() ?? "off");
        });
        app.Lifetime.ApplicationStopped.Register(() => ServeLog.Stopped(logger));
        return app;
    }

    /// <summary>The API role's services: the workspace, QIDO-RS, and security (API keys / JWT / loopback-only local mode, role
    /// policies, the audit log in the store). <see cref="MapApi"/> maps what these serve.</summary>
    private static void AddApi(IServiceCollection services, IConfiguration configuration, ServeOptions options, string dataDirectory)
    {
        services.AddImagingWorkspace(configuration, dataDirectory);
        services.AddQidoRs(configuration);
        services.AddSingleton<IAuditLog>(sp => (IAuditLog)sp.GetRequiredService<IImagingStore>());
        services.AddImagingSecurity(configuration, IPAddress.IsLoopback(IPAddress.Parse(options.HttpBind)));
        services.AddResearchExports(configuration, dataDirectory); // research exports as background jobs (issue 9)
    }

    /// <summary>The HTTP side of the API role: authentication and the audit log first, then every group with the policy that
    /// guards it. Identifying data (studies, patients, comparisons, DICOMweb) is clinical; /api/research is de-identified.</summary>
    private static void MapApi(WebApplication app)
    {
        app.UseImagingSecurity();
        app.MapImagingApi();
        var workspace = app.MapImagingWorkspace();
        workspace.Clinical.RequireAuthorization(ImagingPolicies.Clinical);
        workspace.Research.RequireAuthorization(ImagingPolicies.Research);
        app.MapResearchExports(); // /api/research/exports, Research policy (issue 9)
        app.MapImagingOpenApi();
        // WADO-RS, STOW-RS and QIDO-RS share one group; its CORS preflight route stays anonymous by its own convention.
        app.MapDicomWeb().RequireAuthorization(ImagingPolicies.Clinical);
        // The UI's files hold no data (every data call is authorised), so they stay anonymous: the sign-in field lives there.
        app.MapImagingUi();
    }

    public static string HealthUrl(ServeOptions options, bool https = false)
    {
        var address = IPAddress.Parse(options.HttpBind);
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{(https ? "https" : "http")}://{host}:{options.HttpPort}/health";
    }
}
