using System.Globalization;
using Imaging.Cli.Serve;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Imaging.Telemetry.Tests.Support;

/// <summary>`imaging serve` (every role) in this process, on free loopback ports over a temporary data folder: SQLite and
/// the in-memory bus, or RabbitMQ when a broker is given. In process so its spans reach the test's tracer.</summary>
public sealed class InProcessServe : IAsyncDisposable
{
    public const string AeTitle = "IMAGING";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _data = new();
    private readonly CancellationTokenSource _stop = new();
    private WebApplication _app = null!;
    private Task _run = Task.CompletedTask;

    public int DicomPort { get; private set; }

    public int HttpPort { get; private set; }

    public IServiceProvider Services => _app.Services;

    public string DataDirectory => _data.Path;

    /// <param name="rabbitMq">The broker; null for the in-memory bus.</param>
    /// <param name="settings">Extra configuration (e.g. <c>Health:MinimumFreeBytes</c>).</param>
    public static async Task<InProcessServe> StartAsync(Uri? rabbitMq = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var serve = new InProcessServe();
        serve.DicomPort = FreePort.Next();
        do serve.HttpPort = FreePort.Next(); while (serve.HttpPort == serve.DicomPort);
        var values = new Dictionary<string, string?>
        {
            ["DataDirectory"] = serve._data.Path,
            ["DicomPort"] = serve.DicomPort.ToString(CultureInfo.InvariantCulture),
            ["HttpPort"] = serve.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["AeTitle"] = AeTitle,
            ["RabbitMq"] = rabbitMq?.ToString(),
            // A short quiet timeout: the series is ready a second after its only instance.
            ["Gateway:SeriesQuietTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = ServeConfiguration.Build(values);
        var options = ServeConfiguration.Bind(configuration);
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));

        serve._app = ServeHost.Create(options, configuration);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        serve._app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        serve._run = ((IHost)serve._app).RunAsync(serve._stop.Token);
        await Task.WhenAny(started.Task, serve._run).WaitAsync(StartTimeout);
        if (serve._run.IsCompleted) await serve._run; // surfaces why it could not start
        return serve;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            _stop.Dispose();
            _data.Dispose();
        }
    }
}
