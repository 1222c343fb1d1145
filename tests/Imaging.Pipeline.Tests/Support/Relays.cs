using Imaging.Gateway.Pipeline;
using Imaging.ServiceDefaults.Resilience;
using MassTransit;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>Relays and assemblers with test-sized timings (the production defaults wait seconds).</summary>
public static class Relays
{
    public static readonly DatabaseResilienceOptions FastDatabase = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), MinimumThroughput = 100,
    };

    public static readonly BrokerResilienceOptions FastBroker = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(3), MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(50), BreakDuration = TimeSpan.FromMilliseconds(500),
    };

    public static OutboxRelay Create(FakeOutboxStore store, IPublishEndpoint publisher, ListLogger<OutboxRelay> log,
        Action<OutboxRelayOptions>? configure = null, BrokerResilienceOptions? broker = null)
    {
        var options = new OutboxRelayOptions
        {
            // Long, so a test that passes quickly shows the relay was woken, not polling.
            PollInterval = TimeSpan.FromSeconds(30),
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaximumBackoff = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(options);
        return new OutboxRelay(store, publisher, options, ImagingResiliencePipelines.CreateDatabase(FastDatabase),
            ImagingResiliencePipelines.CreateBroker(broker ?? FastBroker), log);
    }

    public static SeriesAssembler CreateAssembler(FakeSeriesReadinessStore store, IOutboxNotifier notifier, ListLogger<SeriesAssembler> log,
        Action<SeriesAssemblerOptions>? configure = null)
    {
        var options = new SeriesAssemblerOptions
        {
            MaximumSleep = TimeSpan.FromSeconds(30),
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaximumBackoff = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(options);
        return new SeriesAssembler(store, notifier, options, ImagingResiliencePipelines.CreateDatabase(FastDatabase), log);
    }
}
