using Imaging.Api.Tests.Support;
using Imaging.Api.Workspace;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Tests.Workspace;

/// <summary>The API with the workspace on a test server over a real SQLite store in a temporary folder, composed as
/// `imaging serve` composes it (slim builder, the studies API, the workspace and the OpenAPI document).</summary>
public sealed class WorkspaceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkspaceHost(WebApplication app, SqliteImagingStore store, string folder)
    {
        _app = app;
        Store = store;
        DataFolder = folder;
        Client = app.GetTestClient();
    }

    public SqliteImagingStore Store { get; }
    public HttpClient Client { get; }
    public string DataFolder { get; }

    public static async Task<WorkspaceHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "imaging-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new SqliteImagingStore(Path.Combine(folder, "index.db"));
        await store.MigrateAsync(CancellationToken.None);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        builder.Services.AddSingleton<IImagingStore>(store);
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IFindingsStore>(store);
        builder.Services.AddSingleton<IBlobStore>(new FileSystemBlobStore(folder));
        builder.Services.AddImagingWorkspace(configuration, folder);
        var app = builder.Build();
        app.MapImagingApi();
        app.MapImagingWorkspace();
        app.MapImagingOpenApi();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        return new WorkspaceHost(app, store, folder);
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app, Store, DataFolder);
}
