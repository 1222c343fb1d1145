using Imaging.Gateway;

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

        var ex = Assert.Throws<ArgumentException>(() => new DicomGatewayService(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<DicomGatewayService>.Instance));

        Assert.Contains("Gateway:AeTitles must name at least one AE title", ex.Message);
    }
}
