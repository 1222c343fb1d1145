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

    private ApiHost(WebApplication app, FakeImagingStore store)
    {
        _app = app;
        Store = store;
        Client = app.GetTestClient();
    }

    public FakeImagingStore Store { get; }
    public HttpClient Client { get; }

    public static async Task<ApiHost> StartAsync(FakeImagingStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IFindingsStore>(store);
        var app = builder.Build();
        app.MapImagingApi();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        return new ApiHost(app, store);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
