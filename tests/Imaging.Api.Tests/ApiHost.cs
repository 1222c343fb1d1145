using Imaging.Api.Tests.Support;
using Imaging.Api.Security;
using Imaging.Api.Tests.Security;
using Imaging.Storage;
using Imaging.Worker.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Tests;

/// <summary>The API in an in-memory test server, built the way `imaging serve` builds its host (slim builder), over a
/// fake store.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeImagingStore? _store;

    private ApiHost(WebApplication app, FakeImagingStore? store)
    {
        _app = app;
        _store = store;
        Client = app.GetTestClient();
    }

    public FakeImagingStore Store => _store ?? throw new InvalidOperationException("This host runs over another store than the fake.");
    public HttpClient Client { get; }

    public static Task<ApiHost> StartAsync(FakeImagingStore store) => StartAsync(store, store, store);

    /// <summary>The API over any store (e.g. one that fails as an unreachable database does).</summary>
    public static Task<ApiHost> StartAsync<TStore>(TStore store) where TStore : IStudyQueries, IFindingsStore => StartAsync(store, store, null);

    private static async Task<ApiHost> StartAsync(IStudyQueries queries, IFindingsStore findings, FakeImagingStore? fake)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(queries);
        builder.Services.AddSingleton(findings);
        // Security (issue 8): local mode, as `imaging serve` on loopback; the test server's requests have no remote address.
        builder.Services.AddSingleton<IAuditLog>(new InMemoryAuditLog());
        builder.Services.AddImagingSecurity(builder.Configuration, loopbackOnly: true);
        var app = builder.Build();
        app.UseImagingSecurity();
        app.MapImagingApi();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        return new ApiHost(app, fake);
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app);
}
