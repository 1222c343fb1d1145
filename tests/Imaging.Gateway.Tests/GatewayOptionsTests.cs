using Imaging.Gateway;
using Microsoft.Extensions.Configuration;

namespace Imaging.Gateway.Tests;

/// <summary>Settings are checked before anything listens, each problem named by its configuration key.</summary>
public sealed class GatewayOptionsTests
{
    private static GatewayOptions Valid() => new() { AeTitles = ["IMAGING"], Port = 11112, DataDirectory = "./data" };

    [Fact]
    public void Defaults_with_an_ae_title_are_valid()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Each_bad_value_is_reported_with_its_key()
    {
        var options = Valid();
        options.AeTitles = ["THIS_TITLE_IS_TOO_LONG"];
        options.Port = 0;
        options.BindAddress = "not-an-address";
        options.MaximumConcurrentAssociations = 0;
        options.IdleTimeout = TimeSpan.Zero;
        options.CallingAes = [new CallingAeOptions { AeTitle = "MODALITY", Hosts = ["somewhere"], Permissions = ["delete"] }];
        options.DiskWatermark.MinimumFreePercent = 120;
        options.RequireUserIdentity = true;

        var problems = string.Join("\n", options.Validate());

        Assert.Contains("Gateway:AeTitles: AE title 'THIS_TITLE_IS_TOO_LONG' is longer than 16 characters", problems);
        Assert.Contains("Gateway:Port 0 is outside 1-65535", problems);
        Assert.Contains("Gateway:BindAddress 'not-an-address' is not an IP address", problems);
        Assert.Contains("Gateway:MaximumConcurrentAssociations", problems);
        Assert.Contains("Gateway:IdleTimeout", problems);
        Assert.Contains("host 'somewhere' is not an IP address", problems);
        Assert.Contains("permission 'delete' is not one of store, find, move, get", problems);
        Assert.Contains("Gateway:DiskWatermark:MinimumFreePercent", problems);
        Assert.Contains("Gateway:RequireUserIdentity needs at least one entry in Gateway:Users", problems);
    }

    [Fact]
    public void Tls_needs_its_own_port_and_an_existing_certificate()
    {
        var options = Valid();
        options.Tls.Port = options.Port;
        options.Tls.CertificatePath = "/nonexistent/cert.pem";

        var problems = string.Join("\n", options.Validate());

        Assert.Contains("Gateway:Tls:Port and Gateway:Port must differ", problems);
        Assert.Contains("Gateway:Tls:CertificatePath '/nonexistent/cert.pem' does not exist", problems);
    }

    [Fact]
    public void A_service_is_not_built_from_invalid_settings()
    {
        var options = Valid();
        options.AeTitles = [];

        var ex = Assert.Throws<ArgumentException>(() => new DicomGatewayService(options, ingest: null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<DicomGatewayService>.Instance));

        Assert.Contains("Gateway:AeTitles must name at least one AE title", ex.Message);
    }

    private static GatewayOptions BindJson(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        return GatewayOptions.Bind(configuration.GetSection(GatewayOptions.SectionName));
    }

    [Fact]
    public void Move_destinations_bind_from_an_object_of_host_and_port_strings()
    {
        var options = BindJson("""{ "Gateway": { "AeTitles": ["IMAGING"], "MoveDestinations": { "WORKSTATION": "10.0.0.7:104", "VIEWER": "viewer.local:11112" } } }""");

        Assert.Equal(["VIEWER viewer.local 11112", "WORKSTATION 10.0.0.7 104"], options.MoveDestinations.Select(d => $"{d.AeTitle} {d.Host} {d.Port}").Order());
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Move_destinations_bind_from_a_list_of_ae_title_host_and_port()
    {
        var options = BindJson("""{ "Gateway": { "AeTitles": ["IMAGING"], "MoveDestinations": [ { "AeTitle": "PACS", "Host": "127.0.0.1", "Port": 4242 } ] } }""");

        Assert.Equal(["PACS 127.0.0.1 4242"], options.MoveDestinations.Select(d => $"{d.AeTitle} {d.Host} {d.Port}"));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Bad_move_destinations_are_reported_with_their_key()
    {
        var options = BindJson("""{ "Gateway": { "AeTitles": ["IMAGING"], "MoveDestinations": { "NOPORT": "somehost", "FAR": "host:70000", "THIS_TITLE_IS_TOO_LONG": "h:1" } } }""");
        options.MoveDestinations.Add(new MoveDestinationOptions { AeTitle = "FAR", Host = "h", Port = 1 });

        var problems = string.Join("\n", options.Validate());

        Assert.Contains("Gateway:MoveDestinations 'NOPORT' port 0 is outside 1-65535", problems);
        Assert.Contains("Gateway:MoveDestinations 'FAR' port 70000 is outside 1-65535", problems);
        Assert.Contains("Gateway:MoveDestinations: AE title 'THIS_TITLE_IS_TOO_LONG' is longer than 16 characters", problems);
        Assert.Contains("Gateway:MoveDestinations lists 'FAR' twice", problems);
    }
}
