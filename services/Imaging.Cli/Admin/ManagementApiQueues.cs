using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Imaging.ServiceDefaults.Messaging;

namespace Imaging.Cli.Admin;

/// <summary>Lists a virtual host's queues through RabbitMQ's management HTTP API: AMQP itself has no way to list queues,
/// and `--all` must find every error queue, including those of services this command does not know.</summary>
internal static class ManagementApiQueues
{
    /// <summary>The management API of the broker at <paramref name="address"/>: its host, port 15672 (TLS: 15671).</summary>
    public static Uri DefaultFor(RabbitMqAddress address) =>
        new UriBuilder(address.UseTls ? "https" : "http", address.Host, address.UseTls ? 15671 : 15672).Uri;

    /// <summary>Names of the queues in the address's virtual host, sorted.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(Uri management, RabbitMqAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = management, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{address.UserName}:{address.Password}")));
        var path = $"api/queues/{Uri.EscapeDataString(address.VirtualHost)}?columns=name";
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new RedriveException($"the management API at {management} answered {(int)response.StatusCode} {response.ReasonPhrase} for {path}");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.EnumerateArray()
                .Select(queue => queue.TryGetProperty("name", out var name) ? name.GetString() : null)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
                                       && !cancellationToken.IsCancellationRequested)
        {
            throw new RedriveException($"cannot list queues through the management API at {management} (is rabbitmq_management enabled? " +
                $"--management URL): {ex.Message}", ex);
        }
    }
}
