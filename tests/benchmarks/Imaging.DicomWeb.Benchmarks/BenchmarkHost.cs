using System.Net;
using Imaging.Api.DicomWeb.Qido;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.DicomWeb.Benchmarks;

/// <summary>The DICOMweb endpoints on Kestrel over loopback, composed as <c>imaging serve</c> composes them, so a timing
/// includes routing, query parsing, the database and JSON writing, and the HTTP stack.</summary>
public static class BenchmarkHost
{
    /// <summary>Starts the host; returns it with its base address (e.g. <c>http://127.0.0.1:40123/dicomweb/</c>).</summary>
    public static async Task<(WebApplication App, Uri DicomWebRoot)> StartAsync(IImagingStore store, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(store);
        // Larger pages than the default limit are part of what is measured.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DicomWeb:Qido:MaximumLimit"] = "1000" });
        builder.Services.AddQidoRs(builder.Configuration);
        // Extension point: other DICOMweb services (WADO-RS metadata ...) register and map here too.
        var app = builder.Build();
        app.MapQidoRs();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/dicomweb/"));
    }
}
