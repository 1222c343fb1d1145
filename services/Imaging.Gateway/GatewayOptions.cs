using System.Net;
using Microsoft.Extensions.Configuration;

namespace Imaging.Gateway;

/// <summary>Settings of the DICOM gateway, bound from the "Gateway" configuration section (appsettings.json, then
/// IMAGING_GATEWAY__* environment variables).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Called AE titles served; an A-ASSOCIATE-RQ addressed to any other is rejected. Empty by default because
    /// configuration binding appends to a list: `imaging serve` puts its --ae-title first.</summary>
    public List<string> AeTitles { get; set; } = [];

    /// <summary>TCP port of the plain DICOM listener.</summary>
    public int Port { get; set; } = 11112;

    /// <summary>Address the DICOM listeners bind: every interface by default, because modalities on the network must
    /// reach an SCP (unlike the HTTP endpoints); restrict it with <see cref="CallingAes"/> or a firewall.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Where received instances are stored (relative to the working folder).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Cap on concurrent associations per listener; one more is rejected (transient, local limit exceeded).</summary>
    public int MaximumConcurrentAssociations { get; set; } = 64;

    /// <summary>How long a new connection may stay silent before its A-ASSOCIATE-RQ (and finish its TLS handshake).</summary>
    public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an association may stay silent between messages.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a peer may pause in the middle of a message.</summary>
    public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Hosts and networks (IP addresses, CIDR blocks) any association may come from, whatever its calling AE;
    /// empty allows every host. Checked on top of <see cref="CallingAes"/> and each AE's own hosts.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Peers allowed to call, with their hosts and permissions; empty admits every calling AE with every permission.</summary>
    public List<CallingAeOptions> CallingAes { get; set; } = [];

    /// <summary>Free space the data folder must keep; below it, new associations are rejected (transient, local limit exceeded).</summary>
    public DiskWatermarkOptions DiskWatermark { get; set; } = new();

    /// <summary>Username/password pairs checked in user identity negotiation; empty ignores identities.</summary>
    public List<UserOptions> Users { get; set; } = [];

    /// <summary>Reject associations that carry no user identity (needs <see cref="Users"/>).</summary>
    public bool RequireUserIdentity { get; set; }

    /// <summary>DICOM TLS on its own port (disabled while <see cref="TlsOptions.Port"/> is 0).</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>C-MOVE destinations by AE title (configured as <c>{ "AE": "host:port" }</c> or as a list of
    /// <c>{ AeTitle, Host, Port }</c>; see <see cref="Bind"/>); a C-MOVE naming any other AE is refused (0xA801).</summary>
    public List<MoveDestinationOptions> MoveDestinations { get; set; } = [];

    /// <summary>How long a series must stay quiet (no new instance) before it is ready for analysis; a calling AE may
    /// set its own (<see cref="CallingAeOptions.SeriesQuietTimeout"/>).</summary>
    public TimeSpan SeriesQuietTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the gateway waits on a move destination (connect, negotiation, each response).</summary>
    public TimeSpan MoveAssociationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Binds the "Gateway" section; <see cref="MoveDestinations"/> is read in both of its shapes.</summary>
    public static GatewayOptions Bind(IConfigurationSection section)
    {
        var options = new GatewayOptions();
        section.Bind(options);
        options.MoveDestinations = MoveDestinationOptions.Read(section.GetSection(nameof(MoveDestinations)));
        return options;
    }

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AeTitles.Count == 0) problems.Add("Gateway:AeTitles must name at least one AE title");
        foreach (var title in AeTitles) AeTitle.Check(problems, "Gateway:AeTitles", title);
        CheckPort(problems, "Gateway:Port", Port);
        if (!IPAddress.TryParse(BindAddress, out _)) problems.Add($"Gateway:BindAddress '{BindAddress}' is not an IP address");
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("Gateway:DataDirectory must not be empty");
        if (MaximumConcurrentAssociations < 1) problems.Add($"Gateway:MaximumConcurrentAssociations {MaximumConcurrentAssociations} must be at least 1");
        CheckTimeout(problems, "Gateway:ArtimTimeout", ArtimTimeout);
        CheckTimeout(problems, "Gateway:IdleTimeout", IdleTimeout);
        CheckTimeout(problems, "Gateway:DimseTimeout", DimseTimeout);
        foreach (var host in AllowedHosts)
            if (!GatewayHostAccess.TryParse(host, out _)) problems.Add($"Gateway:AllowedHosts '{host}' is not an IP address or CIDR block (host bits must be zero)");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ae in CallingAes)
        {
            AeTitle.Check(problems, "Gateway:CallingAes:AeTitle", ae.AeTitle);
            if (!seen.Add(ae.AeTitle.Trim())) problems.Add($"Gateway:CallingAes lists '{ae.AeTitle}' twice");
            foreach (var host in ae.Hosts)
                if (!GatewayHostAccess.TryParse(host, out _)) problems.Add($"Gateway:CallingAes '{ae.AeTitle}' host '{host}' is not an IP address or CIDR block");
            foreach (var permission in ae.Permissions)
                if (!GatewayPermissionNames.TryParse(permission, out _))
                    problems.Add($"Gateway:CallingAes '{ae.AeTitle}' permission '{permission}' is not one of store, find, move, get");
        }
        CheckTimeout(problems, "Gateway:MoveAssociationTimeout", MoveAssociationTimeout);
        CheckTimeout(problems, "Gateway:SeriesQuietTimeout", SeriesQuietTimeout);
        foreach (var ae in CallingAes)
            if (ae.SeriesQuietTimeout is { } quiet) CheckTimeout(problems, $"Gateway:CallingAes '{ae.AeTitle}' SeriesQuietTimeout", quiet);
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var destination in MoveDestinations)
        {
            AeTitle.Check(problems, "Gateway:MoveDestinations", destination.AeTitle);
            if (!destinations.Add(destination.AeTitle.Trim())) problems.Add($"Gateway:MoveDestinations lists '{destination.AeTitle}' twice");
            if (string.IsNullOrWhiteSpace(destination.Host) || destination.Host.Any(char.IsWhiteSpace))
                problems.Add($"Gateway:MoveDestinations '{destination.AeTitle}' host '{destination.Host}' is not a host name or address");
            CheckPort(problems, $"Gateway:MoveDestinations '{destination.AeTitle}' port", destination.Port);
        }
        if (DiskWatermark.MinimumFreeBytes < 0) problems.Add("Gateway:DiskWatermark:MinimumFreeBytes must not be negative");
        if (DiskWatermark.MinimumFreePercent is < 0 or > 100) problems.Add("Gateway:DiskWatermark:MinimumFreePercent must be within 0-100");
        foreach (var user in Users)
        {
            if (string.IsNullOrEmpty(user.Username)) problems.Add("Gateway:Users: a username is empty");
            if (string.IsNullOrEmpty(user.Password)) problems.Add($"Gateway:Users '{user.Username}' has no password");
        }
        if (Users.Select(u => u.Username).Distinct(StringComparer.Ordinal).Count() != Users.Count) problems.Add("Gateway:Users lists a username twice");
        if (RequireUserIdentity && Users.Count == 0) problems.Add("Gateway:RequireUserIdentity needs at least one entry in Gateway:Users");
        if (Tls.Enabled)
        {
            CheckPort(problems, "Gateway:Tls:Port", Tls.Port);
            if (Tls.Port == Port) problems.Add($"Gateway:Tls:Port and Gateway:Port must differ (both are {Port})");
            if (string.IsNullOrWhiteSpace(Tls.CertificatePath)) problems.Add("Gateway:Tls:CertificatePath is required when Gateway:Tls:Port is set");
            else if (!File.Exists(Tls.CertificatePath)) problems.Add($"Gateway:Tls:CertificatePath '{Tls.CertificatePath}' does not exist");
            if (Tls.KeyPath is { Length: > 0 } key && !File.Exists(key)) problems.Add($"Gateway:Tls:KeyPath '{key}' does not exist");
            if (Tls.PasswordFile is { Length: > 0 } passwordFile && !File.Exists(passwordFile)) problems.Add($"Gateway:Tls:PasswordFile '{passwordFile}' does not exist");
            if (!string.IsNullOrEmpty(Tls.Password) && !string.IsNullOrEmpty(Tls.PasswordFile)) problems.Add("Gateway:Tls: set Password or PasswordFile, not both");
            if (Tls.ClientCaCertificatePath is { Length: > 0 } ca && !File.Exists(ca)) problems.Add($"Gateway:Tls:ClientCaCertificatePath '{ca}' does not exist");
        }
        return problems;
    }

    private static void CheckPort(List<string> problems, string name, int port)
    {
        if (port is < 1 or > 65535) problems.Add($"{name} {port} is outside 1-65535");
    }

    private static void CheckTimeout(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) problems.Add($"{name} {value} must be positive");
    }
}

/// <summary>One peer allowed to call the gateway.</summary>
public sealed class CallingAeOptions
{
    public string AeTitle { get; set; } = "";

    /// <summary>IP addresses or CIDR blocks it may call from; empty allows any host (within <see cref="GatewayOptions.AllowedHosts"/>).</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>Services it may use: store, find, move, get (verification is always allowed). Empty means store.
    /// (With no <see cref="GatewayOptions.CallingAes"/> at all, every calling AE may use every service.)</summary>
    public List<string> Permissions { get; set; } = [];

    /// <summary>This peer's series quiet timeout, instead of <see cref="GatewayOptions.SeriesQuietTimeout"/>.</summary>
    public TimeSpan? SeriesQuietTimeout { get; set; }
}

/// <summary>Free space the data folder must keep for new associations to be accepted; 0 disables a limit.</summary>
public sealed class DiskWatermarkOptions
{
    public long MinimumFreeBytes { get; set; }

    public double MinimumFreePercent { get; set; }
}

/// <summary>A username/password accepted in user identity negotiation.</summary>
public sealed class UserOptions
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>DICOM TLS listener settings (TLS 1.2 and 1.3 only, as BCP 195 asks).</summary>
public sealed class TlsOptions
{
    /// <summary>TCP port of the TLS listener; 0 disables TLS.</summary>
    public int Port { get; set; }

    /// <summary>Server certificate: a PEM certificate (with <see cref="KeyPath"/>, or with the key in the same file) or a PFX/PKCS#12 file.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>PEM private key of the certificate, when it is not inside <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PFX file or of an encrypted PEM key; prefer <see cref="PasswordFile"/> or the environment
    /// (IMAGING_GATEWAY__TLS__PASSWORD) to keep it out of appsettings.json.</summary>
    public string? Password { get; set; }

    /// <summary>File whose first line is the password of a PFX file or encrypted PEM key (a mounted secret).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Refuse peers that present no client certificate, or one that is neither trusted nor listed.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>SHA-256 (or SHA-1) thumbprints of accepted client certificates, hex; these are accepted without a chain.</summary>
    public List<string> AllowedClientThumbprints { get; set; } = [];

    /// <summary>PEM file of CA certificates that client certificates may chain to (instead of the system store).</summary>
    public string? ClientCaCertificatePath { get; set; }

    public bool Enabled => Port != 0;
}
