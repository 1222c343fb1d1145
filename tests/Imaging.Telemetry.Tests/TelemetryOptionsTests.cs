using Imaging.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Telemetry.Tests;

/// <summary>The Telemetry section: off by default, OTLP configurable, bad values refused at start with every problem.</summary>
public sealed class TelemetryOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Nothing_is_exported_by_default()
    {
        var options = Configuration().ReadTelemetryOptions();

        Assert.Equal(TelemetryExporter.None, options.Exporter);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Otlp_settings_bind_from_the_section()
    {
        var options = Configuration(("Telemetry:Exporter", "otlp"), ("Telemetry:Otlp:Endpoint", "http://collector:4318"),
            ("Telemetry:Otlp:Protocol", "http/protobuf"), ("Telemetry:Otlp:Headers", "x-api-key=secret,tenant=a")).ReadTelemetryOptions();

        Assert.Equal(TelemetryExporter.Otlp, options.Exporter);
        Assert.Equal(new Uri("http://collector:4318"), options.Otlp.Endpoint);
        Assert.Equal("http/protobuf", options.Otlp.Protocol);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void The_conventional_otel_endpoint_variable_turns_otlp_on_when_the_section_chooses_nothing()
    {
        var options = Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")).ReadTelemetryOptions();

        Assert.Equal(TelemetryExporter.Otlp, options.Exporter);
        Assert.Equal(new Uri("http://collector:4317"), options.Otlp.Endpoint);
    }

    [Fact]
    public void An_explicit_exporter_wins_over_the_conventional_variable()
    {
        var options = Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("Telemetry:Exporter", "none")).ReadTelemetryOptions();

        Assert.Equal(TelemetryExporter.None, options.Exporter);
    }

    [Fact]
    public void Otlp_without_an_endpoint_an_unknown_protocol_and_malformed_headers_are_all_reported()
    {
        var configuration = Configuration(("Telemetry:Exporter", "otlp"), ("Telemetry:Otlp:Protocol", "udp"), ("Telemetry:Otlp:Headers", "novalue"));

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddImagingTelemetry(configuration, "imaging"));

        Assert.Contains("Telemetry:Otlp:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Otlp:Protocol", error.Message, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Otlp:Headers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_headers_are_refused()
    {
        var options = Configuration(("Telemetry:Otlp:Headers", "k=" + new string('v', TelemetryOptions.MaximumHeadersLength))).ReadTelemetryOptions();

        Assert.Contains(options.Validate(), p => p.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_otlp_configuration_builds_a_provider()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddImagingTelemetry(Configuration(("Telemetry:Exporter", "otlp"), ("Telemetry:Otlp:Endpoint", "http://127.0.0.1:4317")), "imaging");

        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Equal(TelemetryExporter.Otlp, provider.GetRequiredService<TelemetryOptions>().Exporter);
    }
}
