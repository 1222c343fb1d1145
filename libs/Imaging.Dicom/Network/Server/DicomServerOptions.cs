using System.Net;

namespace Imaging.Dicom.Network;

/// <summary>How a <see cref="DicomServer"/> listens, negotiates, times out and which services it performs.</summary>
public sealed record DicomServerOptions
{
    /// <summary>The address to listen on (default: every interface).</summary>
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="DicomServer.LocalEndPoint"/>).</summary>
    public int Port { get; init; } = 11112;

    public required AssociationPolicy Policy { get; init; }

    /// <summary>How long a new connection may stay silent before its A-ASSOCIATE-RQ (the ARTIM timer, PS3.8 9.1.5).</summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an association may stay silent between messages before it is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the peer may pause in the middle of a message before the association is aborted; also how
    /// long it may leave our bytes unread before the connection is closed.</summary>
    public TimeSpan DimseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The cap on concurrent associations; one more is rejected (transient, local limit exceeded).</summary>
    public int MaximumConcurrentAssociations { get; init; } = 64;

    public ICEchoProvider EchoProvider { get; init; } = SuccessCEchoProvider.Instance;

    /// <summary>Null: C-STORE requests are answered with "SOP class not supported".</summary>
    public ICStoreProvider? StoreProvider { get; init; }

    /// <summary>Received C-STORE data sets are written back while they arrive and fdatasync'd on the receiving handle
    /// before the provider sees them (<see cref="CStoreRequest.IsDataDurable"/>), so a provider that keeps instances
    /// durably need not re-open each file to fsync it. Off only for a provider that keeps nothing (a diagnostic sink).</summary>
    public bool SyncReceivedFiles { get; init; } = true;

    /// <summary>Null: C-FIND requests are answered with "SOP class not supported".</summary>
    public ICFindProvider? FindProvider { get; init; }

    /// <summary>Null: C-MOVE requests are answered with "SOP class not supported".</summary>
    public ICMoveProvider? MoveProvider { get; init; }

    /// <summary>Null: C-GET requests are answered with "SOP class not supported". The requestor must also be granted
    /// the SCP role for the storage SOP classes (<see cref="AssociationPolicy.RequestorScpAbstractSyntaxes"/>).</summary>
    public ICGetProvider? GetProvider { get; init; }

    /// <summary>The C-MOVE destinations by AE title; a request naming any other is refused (0xA801).</summary>
    public IReadOnlyDictionary<string, MoveDestination> MoveDestinations { get; init; } = new Dictionary<string, MoveDestination>();

    /// <summary>Timeouts of the associations the server opens to move destinations.</summary>
    public TimeSpan MoveAssociationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IDicomNetworkLog Log { get; init; } = NullDicomNetworkLog.Instance;

    /// <summary>Host hook: what the server's own state says about an A-ASSOCIATE-RQ from the given peer (calling host
    /// allowed, storage low); null admits every request. The association cap is always applied on top.</summary>
    public Func<AssociateRequestPdu, EndPoint?, AssociationAdmission>? Admission { get; init; }

    /// <summary>Host hook: the negotiator for one A-ASSOCIATE-RQ (e.g. a narrower policy for a calling AE with fewer
    /// permissions); null, or a null answer, uses the one built from <see cref="Policy"/>.</summary>
    public Func<AssociateRequestPdu, AssociationNegotiator?>? NegotiatorFor { get; init; }

    /// <summary>Host hook: wraps each accepted connection's stream before any PDU is read (e.g. a TLS handshake); it runs
    /// under the ARTIM timeout. Null reads the plain TCP stream.</summary>
    public Func<Stream, EndPoint?, CancellationToken, ValueTask<Stream>>? ConnectionStream { get; init; }
}
