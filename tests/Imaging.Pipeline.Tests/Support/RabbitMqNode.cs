using System.Text.Json;
using Imaging.Dicom.Tests.Support;
using Imaging.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>A private RabbitMQ node started with deploy/local/rabbitmq.sh on free loopback ports in a temporary folder,
/// shared by the tests of one collection and stopped at the end. Without rabbitmq-server installed, every test using it
/// fails with a message that says so.</summary>
public sealed class RabbitMqNode : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(180);

    private readonly TempFolder _folder = new();
    private int _port;
    private int _distributionPort;

    public Uri Uri { get; private set; } = null!;

    public string NodeName { get; private set; } = "";

    public static string Script => Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "rabbitmq.sh");

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/sbin/rabbitmq-server") && !File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            throw new InvalidOperationException("rabbitmq-server is not installed: run tests/run.sh (it installs it) or apt-get install rabbitmq-server");
        _port = FreePort.Next();
        do _distributionPort = FreePort.Next(); while (_distributionPort == _port);
        await StartAsync();
        NodeName = (await RunScriptAsync("node", _folder.Path)).Trim();
    }

    /// <summary>Starts the node (again, after <see cref="StopAsync"/>: same name, ports and data).</summary>
    public async Task StartAsync()
    {
        var uri = (await RunScriptAsync("start", _folder.Path, _port.ToString(), _distributionPort.ToString())).Trim();
        Uri = new Uri(uri);
    }

    public Task StopAsync() => RunScriptAsync("stop", _folder.Path);

    public MessagingOptions Options(Action<MessagingOptions>? configure = null)
    {
        var options = new MessagingOptions
        {
            Transport = MessagingTransport.RabbitMq,
            RabbitMqUri = Uri,
            DeliveryLimit = 3,
            RetryLimit = 2,
            RetryInitialInterval = TimeSpan.FromMilliseconds(50),
            RetryIntervalIncrement = TimeSpan.FromMilliseconds(50),
            ConnectionName = "imaging-tests",
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>rabbitmqctl against this node.</summary>
    public Task<ToolResult> CtlAsync(params string[] arguments) =>
        ExternalTool.RunAsync(File.Exists("/usr/sbin/rabbitmqctl") ? "/usr/sbin/rabbitmqctl" : "rabbitmqctl",
            ["-q", "-n", NodeName, .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>Every queue with its type and arguments, as rabbitmqctl reports them.</summary>
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync()
    {
        var result = (await CtlAsync("list_queues", "name", "type", "arguments", "messages", "--formatter", "json")).EnsureSuccess("rabbitmqctl list_queues");
        using var document = JsonDocument.Parse(result.StandardOutput);
        // Each argument is listed as [name, AMQP type, value].
        return [.. document.RootElement.EnumerateArray().Select(q => new QueueInfo(
            q.GetProperty("name").GetString()!, q.GetProperty("type").GetString()!,
            q.GetProperty("arguments").EnumerateArray().ToDictionary(a => a[0].GetString()!, a => a[2].ToString()),
            q.GetProperty("messages").GetInt64()))];
    }

    /// <summary>Ready messages in <paramref name="queue"/>, asked over AMQP (cheaper than rabbitmqctl).</summary>
    public async Task<uint> CountAsync(string queue)
    {
        var factory = RabbitMqAddress.Parse(Uri).CreateConnectionFactory("imaging-tests-count", TimeSpan.FromSeconds(10));
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private async Task<string> RunScriptAsync(params string[] arguments)
    {
        var result = await ExternalTool.RunAsync("/bin/bash", [Script, .. arguments], ScriptTimeout,
            new Dictionary<string, string> { ["RABBITMQ_START_TIMEOUT"] = "150" });
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        return result.StandardOutput;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _folder.Dispose();
        }
    }
}

/// <summary>One queue as rabbitmqctl lists it, its arguments' values as text.</summary>
public sealed record QueueInfo(string Name, string Type, IReadOnlyDictionary<string, string> Arguments, long Messages);

/// <summary>The tests that share one RabbitMQ node (run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqNode>
{
    public const string Name = "RabbitMQ";
}
