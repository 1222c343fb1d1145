using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Free loopback ports, each handed out once per test run: a process restarted on its old ports must not find
/// one of them given to another process meanwhile.</summary>
public static class Ports
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                var port = FreePort.Next();
                if (Given.Add(port)) return port;
            }
        }
    }
}
