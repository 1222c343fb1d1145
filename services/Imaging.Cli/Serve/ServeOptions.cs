using System.Net;

namespace Imaging.Cli.Serve;

/// <summary>Settings of `imaging serve`, bound from appsettings.json, IMAGING_* environment variables and the command line.</summary>
internal sealed class ServeOptions
{
    /// <summary>Where instances, the index and the findings live; created when missing; relative to the working folder.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>TCP port of the DICOM listener (the gateway, which arrives with the networking issue).</summary>
    public int DicomPort { get; set; } = 11112;

    /// <summary>TCP port of the HTTP endpoints (/health for now).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP endpoints listen on: loopback unless the operator opens it up on purpose.</summary>
    public string HttpBind { get; set; } = "127.0.0.1";

    /// <summary>The Application Entity title modalities address their C-STOREs to.</summary>
    public string AeTitle { get; set; } = "IMAGING";

    /// <summary>Which part of the service this process runs: <c>all</c> (every role in one process, the embedded
    /// default), or one of <c>gateway</c>, <c>worker</c>, <c>api</c> for the distributed mode.</summary>
    public string Role { get; set; } = ServeRoles.All;

    /// <summary>The RabbitMQ broker (<c>amqp://user:password@host:port/vhost</c>); empty: the in-memory bus, which only
    /// connects the roles of one process.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>The PostgreSQL connection string of the index and findings; empty: SQLite in the data folder.</summary>
    public string? Postgres { get; set; }

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!ServeRoles.IsKnown(Role)) problems.Add($"Role '{Role}' is not one of {string.Join(", ", ServeRoles.Names)}");
        else if (Role != ServeRoles.All)
        {
            // One role alone only makes sense when the others can reach the same bus and the same database.
            if (string.IsNullOrWhiteSpace(RabbitMq)) problems.Add($"Role '{Role}' needs --rabbitmq (the in-memory bus cannot reach other processes)");
            if (string.IsNullOrWhiteSpace(Postgres)) problems.Add($"Role '{Role}' needs --postgres (SQLite in the data folder is one process's)");
        }
        if (!string.IsNullOrWhiteSpace(RabbitMq) && (!Uri.TryCreate(RabbitMq, UriKind.Absolute, out var broker) || broker.Scheme is not ("amqp" or "amqps")))
            problems.Add($"RabbitMq '{RabbitMq}' is not an amqp:// or amqps:// URI");
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("DataDirectory must not be empty");
        CheckPort(problems, nameof(DicomPort), DicomPort);
        CheckPort(problems, nameof(HttpPort), HttpPort);
        if (DicomPort == HttpPort) problems.Add($"DicomPort and HttpPort must differ (both are {HttpPort})");
        if (!IPAddress.TryParse(HttpBind, out _)) problems.Add($"HttpBind '{HttpBind}' is not an IP address");
        CheckAeTitle(problems, AeTitle);
        return problems;
    }

    private static void CheckPort(List<string> problems, string name, int port)
    {
        if (port is < 1 or > 65535) problems.Add($"{name} {port} is outside 1-65535");
    }

    private static void CheckAeTitle(List<string> problems, string aeTitle)
    {
        // PS3.5 6.2: AE is at most 16 characters of the default repertoire, no backslash, no control characters,
        // and not only spaces (spaces around it are not significant).
        if (string.IsNullOrWhiteSpace(aeTitle))
            problems.Add("AeTitle must not be empty or only spaces");
        else if (aeTitle.Length > 16)
            problems.Add($"AeTitle '{aeTitle}' is longer than 16 characters");
        else if (aeTitle.Any(c => c is < ' ' or > '~' or '\\'))
            problems.Add("AeTitle may hold only printable ASCII characters other than backslash");
    }
}
