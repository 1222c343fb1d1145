using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Imaging.Dicom.Network;

/// <summary>A DICOM SCP: listens on a TCP port and serves each connection as an association acceptor on its own task.</summary>
/// <remarks>Stopping (or disposing) stops listening, aborts the associations in progress (their partial instances
/// are discarded) and waits for every connection task to finish.</remarks>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly AssociationNegotiator _negotiator;
    private readonly AssociationSlots _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private long _nextConnectionId;
    private int _stopped;

    public DicomServer(DicomServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaximumConcurrentAssociations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ArtimTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.IdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DimseTimeout, TimeSpan.Zero);
        _options = options;
        _negotiator = new AssociationNegotiator(options.Policy);
        _slots = new AssociationSlots(options.MaximumConcurrentAssociations);
    }

    /// <summary>The bound address and port (the actual port when <see cref="DicomServerOptions.Port"/> was 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener ?? throw new InvalidOperationException("The server is not started.")).LocalEndpoint;

    /// <summary>Associations established and not yet ended.</summary>
    public int ActiveAssociations => _slots.InUse;

    /// <summary>Binds the port and starts accepting connections; returns once the port is listening.</summary>
    public void Start()
    {
        if (_listener is not null) throw new InvalidOperationException("The server is already started.");
        var listener = new TcpListener(_options.Address, _options.Port);
        listener.Start(backlog: 512);
        _listener = listener;
        _options.Log.Write(DicomNetworkLogLevel.Information, $"DICOM server listening on {listener.LocalEndpoint}");
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (cancellationToken.IsCancellationRequested) break;
                _options.Log.Write(DicomNetworkLogLevel.Warning, $"Accepting a connection failed: {ex.Message}", ex);
                continue;
            }
            // Small PDUs (responses, releases) must not wait for Nagle's algorithm.
            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextConnectionId);
            var connection = Task.Run(() => ServeAsync(id, socket, cancellationToken), CancellationToken.None);
            _connections[id] = connection;
            if (connection.IsCompleted) _connections.TryRemove(id, out _);
        }
    }

    private async Task ServeAsync(long id, Socket socket, CancellationToken cancellationToken)
    {
        try
        {
            await new DicomAssociationAcceptor(socket, _options, _negotiator, _slots).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // One connection's failure must never reach the accept loop or the other associations.
            _options.Log.Write(DicomNetworkLogLevel.Error, $"Connection {id} failed unexpectedly", ex);
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops as <see cref="StopAsync"/> does.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the request to stop.
        }
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops listening, aborts the associations in progress and waits for them to end.</summary>
    public async Task StopAsync()
    {
        if (_listener is null || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _options.Log.Write(DicomNetworkLogLevel.Information, "DICOM server stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
