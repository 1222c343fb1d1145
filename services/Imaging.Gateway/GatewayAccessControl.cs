using System.Collections.Concurrent;
using System.Net;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Gateway;

/// <summary>Who may associate and what they may do: calling host (the gateway-wide list and each AE's own), calling AE,
/// the disk watermark, and per-AE permissions applied by negotiating only the presentation contexts of permitted services.</summary>
/// <remarks>A service an AE may not use is never offered to it: its presentation contexts are refused during
/// negotiation (abstract syntax not supported) instead of being accepted and then failed request by request, so a
/// requestor learns at association time, before it sends any data, that it cannot store here.</remarks>
internal sealed class GatewayAccessControl
{
    private readonly GatewayOptions _options;
    private readonly Dictionary<string, (GatewayHostAccess Hosts, GatewayPermissions Permissions)> _callers;
    private readonly GatewayHostAccess _allowedHosts;
    private readonly ConcurrentDictionary<GatewayPermissions, AssociationNegotiator> _negotiators = new();
    private readonly AssociationPolicy _fullPolicy;
    private readonly string _dataDirectory;
    private readonly Func<string, (long Free, long Total)> _diskSpace;

    public GatewayAccessControl(GatewayOptions options, AssociationPolicy fullPolicy, string dataDirectory, Func<string, (long Free, long Total)>? diskSpace = null)
    {
        _options = options;
        _dataDirectory = dataDirectory;
        _diskSpace = diskSpace ?? ReadDiskSpace;
        _allowedHosts = new GatewayHostAccess(options.AllowedHosts);
        _callers = new Dictionary<string, (GatewayHostAccess, GatewayPermissions)>(StringComparer.Ordinal);
        foreach (var ae in options.CallingAes)
        {
            var hosts = new GatewayHostAccess(ae.Hosts);
            var permissions = GatewayPermissions.None;
            foreach (var name in ae.Permissions)
                if (GatewayPermissionNames.TryParse(name, out var p)) permissions |= p;
            _callers[ae.AeTitle.Trim()] = (hosts, ae.Permissions.Count == 0 ? GatewayPermissions.Store : permissions);
        }
        _fullPolicy = fullPolicy;
    }

    /// <summary>Every service: what an AE may use when no calling AEs are configured.</summary>
    public const GatewayPermissions All = GatewayPermissions.Store | GatewayPermissions.Find | GatewayPermissions.Move | GatewayPermissions.Get;

    /// <summary>The calling AE titles allowed, or null when any may call.</summary>
    public IReadOnlyCollection<string>? AllowedCallingAETitles => _callers.Count == 0 ? null : _callers.Keys;

    /// <summary>False when the peer's address is outside Gateway:AllowedHosts: the TLS listener closes such a connection
    /// before its handshake, so an unlisted host gets no cryptographic work done for it.</summary>
    public bool AllowsHost(EndPoint? remote) => _allowedHosts.Allows(remote);

    /// <summary>A host outside Gateway:AllowedHosts, or outside the calling AE's own Hosts, is refused as calling AE title
    /// not recognized (A-ASSOCIATE-RJ permanent, service user, reason 3): PS3.8 has no host reason, and that is the
    /// answer a modality's log shows for "you may not call from there".</summary>
    public AssociationAdmission Admit(AssociateRequestPdu request, EndPoint? remote)
    {
        var hostAllowed = _allowedHosts.Allows(remote);
        if (_callers.TryGetValue(request.CallingAETitle.Trim(' '), out var caller)) hostAllowed &= caller.Hosts.Allows(remote);
        return new AssociationAdmission { CallingHostAllowed = hostAllowed, StorageLow = IsStorageLow() };
    }

    public AssociationNegotiator NegotiatorFor(AssociateRequestPdu request) => _negotiators.GetOrAdd(PermissionsOf(request.CallingAETitle), Build);

    /// <summary>What a calling AE may do: everything when no calling AEs are configured, nothing (but verification)
    /// when it is not among them.</summary>
    public GatewayPermissions PermissionsOf(string callingAETitle) =>
        _callers.Count == 0 ? All
        : _callers.TryGetValue(callingAETitle.Trim(' '), out var caller) ? caller.Permissions : GatewayPermissions.None;

    /// <summary>The full policy narrowed to the SOP classes of the permitted services; without get permission no
    /// requestor is granted the SCP role for storage classes either.</summary>
    private AssociationNegotiator Build(GatewayPermissions permissions)
    {
        var find = permissions.HasFlag(GatewayPermissions.Find);
        var move = permissions.HasFlag(GatewayPermissions.Move);
        var get = permissions.HasFlag(GatewayPermissions.Get);
        var queryRetrieve = QueryInformationModels.AllSopClasses(find, move, get).ToHashSet(StringComparer.Ordinal);
        var allQueryRetrieve = QueryInformationModels.AllSopClasses().ToHashSet(StringComparer.Ordinal);
        var syntaxes = _fullPolicy.AbstractSyntaxes
            .Where(p => p.Key == DicomUids.Verification.Uid
                || queryRetrieve.Contains(p.Key)
                || (permissions.HasFlag(GatewayPermissions.Store) && !allQueryRetrieve.Contains(p.Key)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new AssociationNegotiator(_fullPolicy with
        {
            AbstractSyntaxes = syntaxes,
            RequestorScpAbstractSyntaxes = get ? _fullPolicy.RequestorScpAbstractSyntaxes : [],
        });
    }

    /// <summary>True when the data folder's free space is below either watermark (or cannot be read: storing blind
    /// risks accepting what cannot be kept).</summary>
    public bool IsStorageLow()
    {
        var watermark = _options.DiskWatermark;
        if (watermark.MinimumFreeBytes <= 0 && watermark.MinimumFreePercent <= 0) return false;
        long free, total;
        try
        {
            (free, total) = _diskSpace(_dataDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return true;
        }
        if (watermark.MinimumFreeBytes > 0 && free < watermark.MinimumFreeBytes) return true;
        return watermark.MinimumFreePercent > 0 && total > 0 && free * 100.0 / total < watermark.MinimumFreePercent;
    }

    private static (long Free, long Total) ReadDiskSpace(string directory)
    {
        var drive = new DriveInfo(directory);
        return (drive.AvailableFreeSpace, drive.TotalSize);
    }
}
