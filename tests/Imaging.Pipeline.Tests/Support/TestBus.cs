using Imaging.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>A host running the bus exactly as the services configure it (<c>AddImagingMessaging</c>), started and
/// connected before the test goes on.</summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IHost _host;

    private TestBus(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<TestBus> StartAsync(MessagingOptions options, Action<IBusRegistrationConfigurator>? consumers = null,
        Action<IServiceCollection>? services = null, Action<IBusRegistrationContext, IBusFactoryConfigurator>? configureBus = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);
        builder.Services.AddImagingMessaging(options, consumers, configureBus);
        var host = builder.Build();
        await host.StartAsync();
        var bus = new TestBus(host);
        // The host does not wait for the bus (a gateway must start while the broker is down); a test must.
        var control = host.Services.GetRequiredService<IBusControl>();
        await Eventually.UntilAsync(() => control.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60),
            () => $"bus healthy: {control.CheckHealth().Status} {control.CheckHealth().Description}");
        return bus;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
