using System.Net;
using System.Net.Sockets;

namespace Imaging.Cli.Tests.Infrastructure;

/// <summary>Waits for a server process to listen, by connecting until it succeeds or the time is up.</summary>
public static class TcpWait
{
    public static async Task UntilListeningAsync(int port, TimeSpan timeout, Func<string> describe)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet; retry shortly.
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Nothing listened on port {port} within {timeout}. {describe()}");
            }
            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Nothing listened on port {port} within {timeout}. {describe()}");
            }
        }
    }
}
