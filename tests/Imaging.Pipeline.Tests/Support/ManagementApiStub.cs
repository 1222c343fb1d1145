using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>The one call of RabbitMQ's management API that `redrive --all` makes (GET /api/queues/{vhost}), answered
/// with the node's real queue list from rabbitmqctl. The real plugin adds many seconds to every node start; the AMQP side
/// of the redrive is the real broker either way.</summary>
public sealed class ManagementApiStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementApiStub(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ManagementApiStub> StartAsync(RabbitMqNode node)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/api/queues/{vhost}", async (string vhost, HttpContext context) =>
        {
            // ASP.NET Core leaves an encoded slash (%2F, the default vhost) encoded in route values.
            if (Uri.UnescapeDataString(vhost) != "/" || !context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
                return Results.Unauthorized();
            var queues = await node.ListQueuesAsync();
            return Results.Text(JsonSerializer.Serialize(queues.Select(q => new { name = q.Name })), "application/json");
        });
        await app.StartAsync();
        return new ManagementApiStub(app, $"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
