using System.Globalization;

namespace Imaging.ServiceDefaults.Messaging;

/// <summary>The <c>Messaging:ClusterNodes</c> list: RabbitMQ nodes as <c>host[:port]</c>, separated by commas (one string,
/// so one environment variable carries it).</summary>
public static class RabbitMqClusterNodes
{
    /// <summary>More nodes than any real cluster has; a longer list is a configuration mistake, not a cluster.</summary>
    public const int MaximumNodes = 32;

    /// <summary>The nodes of <paramref name="list"/> (empty when it is null or blank); a node without a port gets
    /// <paramref name="defaultPort"/>.</summary>
    /// <exception cref="FormatException">An entry is not <c>host[:port]</c> with a port in 1-65535, or there are too many.</exception>
    public static IReadOnlyList<(string Host, int Port)> Parse(string? list, int defaultPort)
    {
        if (string.IsNullOrWhiteSpace(list)) return [];
        var entries = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length > MaximumNodes) throw new FormatException($"Messaging:ClusterNodes lists {entries.Length} nodes; at most {MaximumNodes}");
        var nodes = new List<(string, int)>(entries.Length);
        foreach (var entry in entries)
        {
            // host:port, or [v6]:port; a bare host (or bare IPv6 address in brackets) takes the default port.
            string host;
            var port = defaultPort;
            var colon = entry.LastIndexOf(':');
            var bracket = entry.LastIndexOf(']');
            if (colon > 0 && colon > bracket)
            {
                host = entry[..colon];
                if (!int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                    throw new FormatException($"Messaging:ClusterNodes entry '{entry}' has no valid port (1-65535)");
            }
            else host = entry;
            if (host.Length == 0 || host.Length > 253 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or '?' or '#'))
                throw new FormatException($"Messaging:ClusterNodes entry '{entry}' is not host[:port]");
            nodes.Add((host, port));
        }
        return nodes;
    }
}
