using System.CommandLine;
using System.Net.Sockets;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>Arguments every SCU command shares, named as DCMTK names them (-aet, -aec, -to), and how their
/// failures map to exit codes.</summary>
internal sealed class ScuArguments
{
    public Option<string> CallingAe { get; } = new("--aet", "-aet") { Description = "Our (calling) AE title (default IMAGING).", HelpName = "AET", DefaultValueFactory = _ => "IMAGING" };

    public Option<string> CalledAe { get; } = new("--aec", "-aec") { Description = "The peer's (called) AE title (default ANY-SCP, as DCMTK).", HelpName = "AET", DefaultValueFactory = _ => "ANY-SCP" };

    public Option<int> Timeout { get; } = new("--timeout", "-to") { Description = "Seconds to wait for the connection, the association and each response (default 30).", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };

    public Argument<string> Host { get; } = new("HOST") { Description = "The peer's host name or address." };

    public Argument<int> Port { get; } = new("PORT") { Description = "The peer's TCP port." };

    public void AddTo(Command command)
    {
        command.Options.Add(CallingAe);
        command.Options.Add(CalledAe);
        command.Options.Add(Timeout);
        command.Arguments.Add(Host);
        command.Arguments.Add(Port);
    }

    /// <summary>The client options, or the reason they are unusable (a usage error).</summary>
    public (DicomClientOptions? Options, string? Problem) Read(ParseResult parseResult)
    {
        var port = parseResult.GetValue(Port);
        var timeout = parseResult.GetValue(Timeout);
        var calling = parseResult.GetValue(CallingAe)!;
        var called = parseResult.GetValue(CalledAe)!;
        if (port is < 1 or > 65535) return (null, $"PORT {port} is outside 1-65535");
        if (timeout < 1) return (null, $"--timeout {timeout} must be at least 1 second");
        foreach (var (name, title) in new[] { ("--aet", calling), ("--aec", called) })
        {
            if (string.IsNullOrWhiteSpace(title) || title.Length > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
                return (null, $"{name} '{title}' is not an AE title (1-16 printable ASCII characters, no backslash)");
        }
        var seconds = TimeSpan.FromSeconds(timeout);
        return (new DicomClientOptions
        {
            Host = parseResult.GetValue(Host)!,
            Port = port,
            CallingAETitle = calling,
            CalledAETitle = called,
            ConnectTimeout = seconds,
            AssociationTimeout = seconds,
            DimseTimeout = seconds,
        }, null);
    }

    /// <summary>One line for a failure to talk to the peer; null for exceptions that are not about the peer.</summary>
    public static string? DescribeNetworkFailure(Exception ex) => ex switch
    {
        DicomAssociationRejectedException rejected => rejected.Message,
        DicomAssociationAbortedException aborted => aborted.Message,
        DicomNetworkProtocolException protocol => $"protocol error: {protocol.Message}",
        SocketException socket => $"cannot connect: {socket.Message}",
        TimeoutException timeout => $"timed out: {timeout.Message}",
        IOException io => $"connection lost: {io.Message}",
        InvalidOperationException invalid => invalid.Message,
        _ => null,
    };
}
