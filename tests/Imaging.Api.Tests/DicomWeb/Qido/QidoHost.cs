using Imaging.Api.Tests.Support;
using Imaging.Api.DicomWeb.Qido;
using Imaging.Storage;
using Imaging.Storage.DicomWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Tests.DicomWeb.Qido;

/// <summary>QIDO-RS in an in-memory test server over a real SQLite store in a temporary folder, seeded by the test.</summary>
public sealed class QidoHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private QidoHost(WebApplication app, SqliteImagingStore store, string folder)
    {
        _app = app;
        _folder = folder;
        Store = store;
        Client = app.GetTestClient();
    }

    public SqliteImagingStore Store { get; }
    public HttpClient Client { get; }

    public static async Task<QidoHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "imaging-tests", "qido-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new SqliteImagingStore(Path.Combine(folder, "index.db"));
        await store.MigrateAsync(CancellationToken.None);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<IDicomWebQueries>(store);
        builder.Services.AddQidoRs(builder.Configuration);
        var app = builder.Build();
        app.MapQidoRs();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        return new QidoHost(app, store, folder);
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app, Store, _folder);
}
