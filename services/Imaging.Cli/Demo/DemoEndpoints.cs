using System.Net;
using Imaging.Cli.Serve;

namespace Imaging.Cli.Demo;

/// <summary>Where the demo sends its instances and where the newcomer looks afterwards.</summary>
/// <param name="AeTitle">The gateway's AE title, called by the demo's C-STOREs.</param>
/// <param name="UiUrl">The web UI's address, printed when the demo is ready.</param>
/// <param name="ResultsToOwnScp">True when the worker's results go to this service's own SCP.</param>
internal sealed record DemoEndpoints(string AeTitle, string UiUrl, bool ResultsToOwnScp)
{
    public static string UiUrlOf(ServeOptions serve)
    {
        var address = IPAddress.Parse(serve.HttpBind);
        // Listening on every address: the browser on this machine reaches it on loopback.
        if (address.Equals(IPAddress.Any)) address = IPAddress.Loopback;
        else if (address.Equals(IPAddress.IPv6Any)) address = IPAddress.IPv6Loopback;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"http://{host}:{serve.HttpPort}/ui/";
    }
}
