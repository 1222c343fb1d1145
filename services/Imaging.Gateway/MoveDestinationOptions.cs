using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Imaging.Gateway;

/// <summary>A C-MOVE destination the gateway may send to: the AE title a request names and where it listens.</summary>
public sealed class MoveDestinationOptions
{
    public string AeTitle { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; }

    /// <summary>Reads "Gateway:MoveDestinations" in either shape: an object of <c>"AE": "host:port"</c> pairs, or a list
    /// of <c>{ "AeTitle", "Host", "Port" }</c> objects. A value that is not host:port keeps its text as the host and
    /// port 0, so validation reports it.</summary>
    public static List<MoveDestinationOptions> Read(IConfigurationSection section)
    {
        var destinations = new List<MoveDestinationOptions>();
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } value)
            {
                destinations.Add(Parse(child.Key, value));
                continue;
            }
            var entry = new MoveDestinationOptions();
            child.Bind(entry);
            destinations.Add(entry);
        }
        return destinations;
    }

    private static MoveDestinationOptions Parse(string aeTitle, string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon > 0 && int.TryParse(hostAndPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return new MoveDestinationOptions { AeTitle = aeTitle, Host = hostAndPort[..colon].Trim('[', ']'), Port = port };
        return new MoveDestinationOptions { AeTitle = aeTitle, Host = hostAndPort, Port = 0 };
    }
}
