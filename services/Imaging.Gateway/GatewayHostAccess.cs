using System.Net;

namespace Imaging.Gateway;

/// <summary>A list of hosts and networks (IP addresses and CIDR blocks such as 10.20.0.0/16 or fd00::/8) a peer's
/// address must fall in; an empty list allows every host.</summary>
internal sealed class GatewayHostAccess
{
    private readonly IPNetwork[] _networks;

    public GatewayHostAccess(IEnumerable<string> entries)
    {
        _networks = [.. entries.Select(e => TryParse(e, out var network) ? network : throw new ArgumentException($"'{e}' is not an IP address or CIDR block", nameof(entries)))];
    }

    public bool AllowsAny => _networks.Length == 0;

    /// <summary>True when the list is empty or the peer's address is in one of its networks; an unknown peer is not allowed.</summary>
    public bool Allows(EndPoint? remote)
    {
        if (_networks.Length == 0) return true;
        if (remote is not IPEndPoint ip) return false;
        var address = Normalize(ip.Address);
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>Reads "a.b.c.d", "a.b.c.d/n", "x::y" or "x::/n"; a block with host bits set (10.1.2.3/8) is refused
    /// as the likely typo it is.</summary>
    public static bool TryParse(string entry, out IPNetwork network)
    {
        network = default;
        var text = entry.Trim();
        if (text.Length == 0) return false;
        if (!text.Contains('/'))
        {
            if (!IPAddress.TryParse(text, out var single)) return false;
            single = Normalize(single);
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        if (!IPNetwork.TryParse(text, out network)) return false;
        // IPNetwork may quietly mask host bits away; a block written with them is more likely a typo than meant.
        if (!IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var written) || !written.Equals(network.BaseAddress)) return false;
        if (network.BaseAddress.IsIPv4MappedToIPv6) network = new IPNetwork(network.BaseAddress.MapToIPv4(), Math.Max(0, network.PrefixLength - 96));
        return true;
    }

    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; compare them as the IPv4 addresses configured.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
