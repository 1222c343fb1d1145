using Imaging.Cli.Demo;
using Imaging.Cli.Serve;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;
using Microsoft.Extensions.Configuration;

namespace Imaging.Cli.Tests.Demo;

/// <summary>The demo's settings and arguments: bad ones exit 2 with one line; the gateway's access rules admit the demo
/// only where they already restrict callers.</summary>
public sealed class DemoOptionsTests
{
    [Theory]
    [InlineData("--http-port", "70000")]
    [InlineData("--dicom-port", "0")]
    [InlineData("--http-bind", "not-an-address")]
    public async Task Demo_with_a_bad_option_value_exits_2_with_one_line(string option, string value)
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunAsync("demo", "--data", temp.Path, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("imaging: serve: invalid setting: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Demo_with_an_unknown_argument_exits_2_with_one_line()
    {
        var result = await CliRunner.RunAsync("demo", "--seed-everything");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("imaging: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Serve_demo_in_a_single_role_exits_2_naming_the_demo()
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunAsync("serve", "--demo", "--data", temp.Path, "--role", "gateway", "--rabbitmq", "amqp://127.0.0.1:1/",
            "--postgres", "Host=127.0.0.1;Port=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Demo needs every role in one process", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("PatientId", "")]
    [InlineData("PatientId", "A\\B")]
    [InlineData("Seed", "-1")]
    [InlineData("CallingAeTitle", "SEVENTEEN_CHARS_X")]
    [InlineData("AnalysisTimeout", "00:00:00")]
    public void Demo_settings_out_of_range_are_problems_naming_their_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            [$"Demo:{key}"] = value,
        }).Build();

        var problems = DemoHost.Bind(configuration).Validate(ServeRoles.All);

        Assert.Contains(problems, p => p.Contains($"Demo:{key}", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_leaves_an_open_gateway_open_and_points_results_at_its_own_scp()
    {
        var serve = new ServeOptions { DicomPort = 11999, AeTitle = "IMAGING" };
        var configuration = Demo(new Dictionary<string, string?>());
        var gateway = ServeConfiguration.BindGateway(configuration, serve);

        var result = DemoHost.Configure(configuration, serve, gateway);

        // No calling-AE list means every AE may call; adding the demo's would have shut everybody else out.
        Assert.Empty(gateway.CallingAes);
        Assert.Equal("IMAGING", result["Worker:Results:Destination:AeTitle"]);
        Assert.Equal("127.0.0.1", result["Worker:Results:Destination:Host"]);
        Assert.Equal("11999", result["Worker:Results:Destination:Port"]);
        Assert.Equal("DEMO-RESULTS", result["Worker:Results:Destination:CallingAeTitle"]);
    }

    [Fact]
    public void Demo_admits_its_aes_from_loopback_for_storage_only_when_calling_aes_are_restricted()
    {
        var serve = new ServeOptions { DicomPort = 11999 };
        var configuration = Demo(new Dictionary<string, string?>
        {
            ["Gateway:CallingAes:0:AeTitle"] = "CT1",
            ["Gateway:CallingAes:0:Hosts:0"] = "10.0.0.5",
        });
        var gateway = ServeConfiguration.BindGateway(configuration, serve);

        DemoHost.Configure(configuration, serve, gateway);

        Assert.Equal(["CT1", "DEMO-MODALITY", "DEMO-RESULTS"], gateway.CallingAes.Select(a => a.AeTitle).ToArray());
        Assert.All(gateway.CallingAes.Skip(1), a =>
        {
            Assert.Equal(["store"], a.Permissions);
            Assert.Equal(["127.0.0.1", "::1"], a.Hosts);
        });
        Assert.Empty(gateway.Validate());
    }

    [Fact]
    public void Demo_keeps_a_configured_results_destination()
    {
        var serve = new ServeOptions();
        var configuration = Demo(new Dictionary<string, string?>
        {
            ["Worker:Results:Destination:AeTitle"] = "PACS",
            ["Worker:Results:Destination:Host"] = "10.0.0.9",
        });
        var gateway = ServeConfiguration.BindGateway(configuration, serve);

        var result = DemoHost.Configure(configuration, serve, gateway);

        Assert.Equal("PACS", result["Worker:Results:Destination:AeTitle"]);
        Assert.Equal("10.0.0.9", result["Worker:Results:Destination:Host"]);
    }

    [Fact]
    public void Without_the_demo_nothing_changes()
    {
        var serve = new ServeOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:CallingAes:0:AeTitle"] = "CT1",
        }).Build();
        var gateway = ServeConfiguration.BindGateway(configuration, serve);

        var result = DemoHost.Configure(configuration, serve, gateway);

        Assert.Same(configuration, result);
        Assert.Single(gateway.CallingAes);
        Assert.Null(result["Worker:Results:Destination:AeTitle"]);
    }

    private static IConfigurationRoot Demo(Dictionary<string, string?> values)
    {
        values["Demo:Enabled"] = "true";
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
