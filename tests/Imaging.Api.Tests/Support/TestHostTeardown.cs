using Microsoft.AspNetCore.Builder;

namespace Imaging.Api.Tests.Support;

/// <summary>The one way the API test hosts stop: client, host, then the store they own and its temporary folder.</summary>
internal static class TestHostTeardown
{
    public static async ValueTask DisposeAsync(HttpClient client, WebApplication app, IAsyncDisposable? store = null, string? folder = null)
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (store is not null) await store.DisposeAsync();
        if (folder is null) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the test's result is what matters.
        }
    }
}
