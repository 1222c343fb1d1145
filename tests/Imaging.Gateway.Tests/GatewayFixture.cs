using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;
using Imaging.Gateway.Ingest;
using Imaging.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Imaging.Gateway.Tests;

/// <summary>A started <see cref="DicomGatewayService"/> on free loopback ports, storing into a temporary folder, with
/// its log kept for assertions.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    public const string AeTitle = "GATEWAY";

    private readonly TempFolder _data = new();

    private GatewayFixture(GatewayOptions options)
    {
        Options = options;
        options.DataDirectory = _data.Path;
        Store = new SqliteImagingStore(Path.Combine(_data.Path, "index.db"));
        Ingest = new IngestCStoreProvider(new FileSystemBlobStore(_data.Path), Store, SeriesQuietTimeouts.From(options), ResiliencePipeline.Empty,
            TimeProvider.System, NullLogger<IngestCStoreProvider>.Instance);
        Service = new DicomGatewayService(options, Ingest, new ListLogger(Log));
    }

    /// <summary>The index the gateway commits every stored instance to.</summary>
    public SqliteImagingStore Store { get; }

    public IngestCStoreProvider Ingest { get; }

    public GatewayOptions Options { get; }

    public DicomGatewayService Service { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public string DataDirectory => _data.Path;

    public int Port => Service.DicomEndPoint!.Port;

    public int TlsPort => Service.TlsEndPoint!.Port;

    /// <summary>Starts a gateway; <paramref name="configure"/> adjusts the settings first.</summary>
    public static async Task<GatewayFixture> StartAsync(Action<GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions { AeTitles = [AeTitle], BindAddress = "127.0.0.1", Port = FreePort(), ArtimTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        var fixture = new GatewayFixture(options);
        await fixture.Store.MigrateAsync(CancellationToken.None);
        await fixture.Service.StartAsync(CancellationToken.None);
        return fixture;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Instances stored so far (temporary files excluded).</summary>
    public IReadOnlyList<string> StoredFiles() =>
        [.. Directory.EnumerateFiles(DataDirectory, "*.dcm", SearchOption.AllDirectories).Where(f => !f.Contains(".incoming", StringComparison.Ordinal))];

    public string LogText => string.Join("\n", Log);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Service.StopAsync(timeout.Token);
        await Service.DisposeAsync();
        await Store.DisposeAsync();
        _data.Dispose();
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger<DicomGatewayService>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
