using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Imaging.Api.Export;
using Imaging.Api.Security;
using Imaging.Api.Tests.Security;
using Imaging.Api.Tests.Support;
using Imaging.Api.Workspace;
using Imaging.Export;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Tests.Export;

/// <summary>The research export routes on a test server over a real SQLite store in a temporary data folder, with an API key per
/// role and the <see cref="FakeExportRunner"/>. A second host can be started on the same folder to play a restart.</summary>
public sealed class ExportApiHost : IAsyncDisposable
{
    public const string Node = "test-node";

    private readonly WebApplication _app;

    private ExportApiHost(WebApplication app, SqliteImagingStore store, Dictionary<string, string> keys, string dataFolder)
    {
        _app = app;
        Store = store;
        Keys = keys;
        DataFolder = dataFolder;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }
    public SqliteImagingStore Store { get; }
    public Dictionary<string, string> Keys { get; }
    public string DataFolder { get; }
    public string ExportsFolder => Path.Combine(DataFolder, "exports");
    internal ExportJobService Jobs => _app.Services.GetRequiredService<ExportJobService>();

    /// <summary>A host on a new data folder, or on <paramref name="dataFolder"/> (a restart) with the same keys.</summary>
    public static async Task<ExportApiHost> StartAsync(FakeExportRunner runner, TimeProvider? clock = null, string? dataFolder = null,
        Dictionary<string, string>? keys = null, IDictionary<string, string?>? extra = null)
    {
        dataFolder ??= Directory.CreateTempSubdirectory("export-api-").FullName;
        var settings = SecurityHost.Settings(dataFolder, out var newKeys);
        if (keys is not null)
        {
            var i = 0;
            foreach (var role in ImagingRoles.All) settings[$"Auth:ApiKeys:{i++}:Sha256"] = TestCredentials.Sha256(keys[role]);
        }
        keys ??= newKeys;
        settings["Research:PseudonymKey"] = "a research key for the export tests";
        settings["Export:NodeName"] = Node;
        settings["Export:ProgressInterval"] = "00:00:00.020";
        if (extra is not null) foreach (var (key, value) in extra) settings[key] = value;

        var store = new SqliteImagingStore(Path.Combine(dataFolder, "index.db"));
        await store.MigrateAsync(CancellationToken.None);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IImagingStore>(store);
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IFindingsStore>(store);
        builder.Services.AddSingleton<IAuditLog>(new InMemoryAuditLog());
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.Services.AddImagingSecurity(builder.Configuration, loopbackOnly: false);
        builder.Services.AddImagingWorkspace(builder.Configuration, dataFolder);
        builder.Services.AddResearchExports(builder.Configuration, dataFolder);
        builder.Services.AddSingleton<IExportRunner>(runner);
        var app = builder.Build();
        app.UseImagingSecurity();
        app.MapResearchExports();
        app.MapImagingOpenApi();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        var host = new ExportApiHost(app, store, keys, dataFolder);
        await host.Jobs.Recovered.WaitAsync(TimeSpan.FromSeconds(10));
        return host;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string role, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, Keys[role]);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string role, string json) => SendAsync(HttpMethod.Post, "/api/research/exports", role, json);

    /// <summary>Posts and expects 202; returns the job's view.</summary>
    public async Task<JsonElement> CreateAsync(string role, string json)
    {
        using var response = await PostAsync(role, json);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await ReadAsync(response);
    }

    public async Task<JsonElement> GetJobAsync(string role, string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/research/exports/{id}", role);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    /// <summary>Polls the job until it is in <paramref name="state"/> (ten seconds at most).</summary>
    public async Task<JsonElement> WaitForStateAsync(string role, string id, string state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var job = await GetJobAsync(role, id);
            if (job.GetProperty("state").GetString() == state) return job;
            await Task.Delay(10, timeout.Token);
        }
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Stops the host and its store, leaving the data folder for a restart.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app, Store, DataFolder);
}
