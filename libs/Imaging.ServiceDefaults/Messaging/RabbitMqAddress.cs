using RabbitMQ.Client;

namespace Imaging.ServiceDefaults.Messaging;

/// <summary>The parts of an <c>amqp://user:password@host:port/vhost</c> URI, as MassTransit's host configuration takes them.</summary>
public sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string UserName, string Password, bool UseTls)
{
    /// <summary>Parses an amqp or amqps URI; missing parts take RabbitMQ's defaults (guest/guest, port 5672 or 5671, vhost /).</summary>
    public static RabbitMqAddress Parse(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("amqp" or "amqps"))
            throw new ArgumentException($"'{uri}' is not an amqp:// or amqps:// URI", nameof(uri));
        var tls = uri.Scheme == "amqps";
        string user = ConnectionFactory.DefaultUser, password = ConnectionFactory.DefaultPass;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) password = Uri.UnescapeDataString(parts[1]);
        }
        // The AMQP URI spec: an empty path is the default vhost "/", which is written %2F when explicit.
        var path = uri.AbsolutePath.TrimStart('/');
        var vhost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port;
        return new RabbitMqAddress(uri.Host, port, vhost, user, password, tls);
    }

    /// <summary>A RabbitMQ.Client factory for the same broker (health checks and admin tools).</summary>
    public ConnectionFactory CreateConnectionFactory(string clientName, TimeSpan connectTimeout) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = UserName,
        Password = Password,
        Ssl = new SslOption { Enabled = UseTls, ServerName = Host },
        ClientProvidedName = clientName,
        RequestedConnectionTimeout = connectTimeout,
        AutomaticRecoveryEnabled = false,
    };

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
