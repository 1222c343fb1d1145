using System.Net;
using System.Net.Sockets;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>Loopback ports nobody is listening on, so parallel tests and other services do not collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
