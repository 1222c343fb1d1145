using System.Net;
using System.Net.Sockets;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Ports for external peers: a free one to start them on, and a wait until they listen.</summary>
internal static class TcpPorts
{
    public static int FindFree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls a TCP connect until it succeeds; fails the test at the deadline or when <paramref name="exited"/> says the peer died.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool> exited)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.ConnectAsync("127.0.0.1", port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                if (exited()) Assert.Fail($"The peer exited before listening on port {port}.");
                if (DateTime.UtcNow > deadline) Assert.Fail($"Nothing listens on port {port} after {timeout.TotalSeconds} s.");
                await Task.Delay(50);
            }
        }
    }
}
