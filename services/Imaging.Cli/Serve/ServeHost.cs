using System.Net;
using Imaging.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Serve;

/// <summary>The process `imaging serve` runs: the DICOM gateway and the HTTP endpoints in one host.</summary>
internal static class ServeHost
{
    /// <summary>Builds the host; <paramref name="options"/> must be validated and its data folder must exist.</summary>
    public static WebApplication Create(ServeOptions options, IConfiguration configuration, GatewayOptions? gateway = null)
    {
        gateway ??= ServeConfiguration.BindGateway(configuration, options);
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
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.HttpBind), options.HttpPort);
        });

        builder.Services.AddSingleton(gateway);
        builder.Services.AddSingleton<DicomGatewayService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DicomGatewayService>());

        var app = builder.Build();
        var dicom = app.Services.GetRequiredService<DicomGatewayService>();
        app.MapGet("/health", () =>
        {
            var report = HealthReport.Probe(dataDirectory, CliVersion.Value, dicom.Health());
            return Results.Json(report, HealthJsonContext.Default.HealthReport,
                statusCode: report.Status == HealthReport.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServeLog.Category);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var health = HealthReport.Probe(dataDirectory, CliVersion.Value, dicom.Health());
            ServeLog.Started(logger, CliVersion.Value, dataDirectory, health.DataFreeBytes, HealthUrl(options), string.Join(",", gateway.AeTitles),
                dicom.DicomEndPoint?.ToString() ?? "-", dicom.TlsEndPoint?.ToString() ?? "off");
        });
        app.Lifetime.ApplicationStopped.Register(() => ServeLog.Stopped(logger));
        return app;
    }

    public static string HealthUrl(ServeOptions options)
    {
        var address = IPAddress.Parse(options.HttpBind);
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"http://{host}:{options.HttpPort}/health";
    }
}
