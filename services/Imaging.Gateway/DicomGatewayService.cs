using System.Net;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway;

/// <summary>Hosted service running the gateway's DICOM SCP: the plain listener and, when configured, the TLS one,
/// both ingesting through the same <see cref="IngestCStoreProvider"/> (blob store + index + outbox) under the same
/// access control, and answering C-FIND/C-MOVE/C-GET from the instances in the data folder.</summary>
/// <remarks>Ports are bound in <see cref="StartAsync"/>, so a port in use fails the host's start instead of a
/// background task later. Stopping aborts open associations; their partial instances are deleted.</remarks>
public sealed partial class DicomGatewayService : IHostedService, IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly IngestCStoreProvider _ingest;
    private readonly ILogger<DicomGatewayService> _logger;
    private readonly List<DicomServer> _servers = [];
    private GatewayTls? _tls;
    private DicomServer? _plain;
    private DicomServer? _secure;
    private FileSystemQueryIndex? _index;
    private readonly Lock _sharedGate = new();
    private List<(string SopInstanceUid, string Path, bool Replaced)>? _sharedBeforeStart = [];

    public DicomGatewayService(GatewayOptions options, IngestCStoreProvider ingest, ILogger<DicomGatewayService> logger)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException($"Invalid gateway settings: {string.Join("; ", problems)}", nameof(options));
        _options = options;
        _ingest = ingest;
        _logger = logger;
    }

    /// <summary>Where the plain DICOM listener is bound; null before start.</summary>
    public IPEndPoint? DicomEndPoint => _plain?.LocalEndPoint;

    /// <summary>Where the TLS listener is bound; null before start or when TLS is off.</summary>
    public IPEndPoint? TlsEndPoint => _secure?.LocalEndPoint;

    /// <summary>What /health reports about the gateway now.</summary>
    public GatewayHealth Health() => new(
        Listening: _plain is not null,
        DicomPort: _plain?.LocalEndPoint.Port,
        TlsPort: _secure?.LocalEndPoint.Port,
        ActiveAssociations: _servers.Sum(s => s.ActiveAssociations));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(_options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        RemoveLeftovers(_ingest.IncomingDirectory);
        // The query index reads every stored header once, then follows ingest (which hands it the header it has read
        // anyway), so what C-STORE keeps is found at once.
        _index = await FileSystemQueryIndex.LoadAsync(dataDirectory, _ingest.IncomingDirectory, cancellationToken).ConfigureAwait(false);
        var index = _index;
        _ingest.InstanceIngested += stored => index.Add(stored.Header, stored.FilePath);
        // What other gateways announced while the folder was being scanned: the scan may have passed their folders.
        List<(string SopInstanceUid, string Path, bool Replaced)> early;
        lock (_sharedGate)
        {
            early = _sharedBeforeStart!;
            _sharedBeforeStart = null;
        }
        foreach (var (sop, path, replaced) in early) IndexShared(index, sop, path, replaced);
        IndexLoaded(_logger, _index.Index.Count, _index.UnreadableFiles);

        var syntaxes = new Dictionary<string, IReadOnlyList<string>>(StandardAbstractSyntaxes.VerificationAndStorage(), StringComparer.Ordinal);
        IReadOnlyList<string> queryRetrieveSyntaxes = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid];
        foreach (var sopClass in QueryInformationModels.AllSopClasses()) syntaxes[sopClass] = queryRetrieveSyntaxes;
        var policy = new AssociationPolicy
        {
            CalledAETitles = _options.AeTitles,
            AbstractSyntaxes = syntaxes,
            // C-GET sends instances back on the requestor's association: it must take the SCP role for storage.
            RequestorScpAbstractSyntaxes = [.. DicomUids.All.Where(u => u.IsStorage).Select(u => u.Uid)],
            UserIdentityValidator = _options.Users.Count == 0 ? null
                : PasscodeUserIdentityValidator.Create(_options.Users.ToDictionary(u => u.Username, u => u.Password, StringComparer.Ordinal)),
            RequireUserIdentity = _options.RequireUserIdentity,
        };
        // The allow-list goes into the policy too, so an unknown calling AE is rejected by the negotiator itself
        // (calling AE title not recognized) whichever negotiator the access control picks.
        var callers = _options.CallingAes.Count == 0 ? null : _options.CallingAes.Select(a => a.AeTitle.Trim()).ToList();
        policy = policy with { AllowedCallingAETitles = callers };
        var access = new GatewayAccessControl(_options, policy, dataDirectory);
        var address = IPAddress.Parse(_options.BindAddress);
        DicomServerOptions ServerOptions(int port, string listener) => new()
        {
            Address = address,
            Port = port,
            Policy = policy,
            StoreProvider = _ingest,
            FindProvider = _index,
            MoveProvider = _index,
            GetProvider = _index,
            MoveDestinations = _options.MoveDestinations.ToDictionary(d => d.AeTitle.Trim(), d => new MoveDestination(d.Host, d.Port), StringComparer.Ordinal),
            MoveAssociationTimeout = _options.MoveAssociationTimeout,
            MaximumConcurrentAssociations = _options.MaximumConcurrentAssociations,
            ArtimTimeout = _options.ArtimTimeout,
            IdleTimeout = _options.IdleTimeout,
            DimseTimeout = _options.DimseTimeout,
            Log = new DicomNetworkLogAdapter(_logger, listener),
            Admission = access.Admit,
            NegotiatorFor = access.NegotiatorFor,
        };

        _plain = new DicomServer(ServerOptions(_options.Port, "dicom"));
        _servers.Add(_plain);
        _plain.Start();
        if (_options.Tls.Enabled)
        {
            _tls = new GatewayTls(_options.Tls, access.AllowsHost);
            _secure = new DicomServer(ServerOptions(_options.Tls.Port, "dicom-tls") with { ConnectionStream = _tls.AuthenticateAsync });
            _servers.Add(_secure);
            _secure.Start();
        }
        Started(_logger, string.Join(",", _options.AeTitles), _plain.LocalEndPoint.ToString(), _secure?.LocalEndPoint.ToString() ?? "off", dataDirectory,
            access.AllowedCallingAETitles is null ? "any" : string.Join(",", access.AllowedCallingAETitles));
    }

    /// <summary>Adds to the query index an instance another gateway stored in the shared data folder (it announced it with
    /// InstanceStored), so C-FIND, C-MOVE and C-GET here see it without a restart. Before the start-up scan has finished
    /// the announcement is kept and applied right after it.</summary>
    /// <returns>False when nothing was read: already indexed and not a replacement, or kept for after the scan.</returns>
    public bool IndexSharedInstance(string sopInstanceUid, string filePath, bool replaced)
    {
        ArgumentException.ThrowIfNullOrEmpty(sopInstanceUid);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FileSystemQueryIndex? index;
        lock (_sharedGate)
        {
            if (_sharedBeforeStart is not null)
            {
                _sharedBeforeStart.Add((sopInstanceUid, filePath, replaced));
                return false;
            }
            index = _index;
        }
        return index is not null && IndexShared(index, sopInstanceUid, filePath, replaced);
    }

    private bool IndexShared(FileSystemQueryIndex index, string sopInstanceUid, string filePath, bool replaced)
    {
        // Our own C-STOREs come back too (one InstanceStored for every gateway): ingest indexed them already.
        if (!replaced && index.Index.Contains(sopInstanceUid)) return false;
        if (index.AddFile(filePath)) return true;
        SharedInstanceUnreadable(_logger, sopInstanceUid, filePath);
        return false;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Both listeners stop at once: each aborts its associations and waits for them to clean up.
        await Task.WhenAll(_servers.Select(s => s.StopAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Temporary files a crashed process left behind are partial instances nobody will finish.</summary>
    private void RemoveLeftovers(string incoming)
    {
        if (!Directory.Exists(incoming)) return;
        foreach (var file in Directory.EnumerateFiles(incoming))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LeftoverNotRemoved(_logger, file, ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync().ConfigureAwait(false);
        _tls?.Dispose();
        _index?.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "DICOM gateway {AeTitles} listening on {DicomEndPoint}, TLS {TlsEndPoint}, storing into {DataDirectory}; calling AEs allowed: {CallingAes}")]
    private static partial void Started(ILogger logger, string aeTitles, string dicomEndPoint, string tlsEndPoint, string dataDirectory, string callingAes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Query index loaded: {Instances} instances, {Unreadable} unreadable files skipped")]
    private static partial void IndexLoaded(ILogger logger, int instances, int unreadable);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Instance {SopInstanceUid} announced by another gateway could not be read from {Path}; not in this gateway's query index until it restarts")]
    private static partial void SharedInstanceUnreadable(ILogger logger, string sopInstanceUid, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not remove leftover temporary file {Path}: {Reason}")]
    private static partial void LeftoverNotRemoved(ILogger logger, string path, string reason);
}

/// <summary>The gateway's state for /health.</summary>
public sealed record GatewayHealth(bool Listening, int? DicomPort, int? TlsPort, int ActiveAssociations);
