using System.Diagnostics;
using Imaging.Contracts;
using Imaging.Gateway.Pipeline;
using Imaging.Pipeline.Tests.Support;
using Imaging.ServiceDefaults.Messaging;
using Imaging.ServiceDefaults.Resilience;
using Imaging.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Imaging.Pipeline.Tests;

/// <summary>Options binding, the resilience pipelines and telemetry registration of Imaging.ServiceDefaults.</summary>
public sealed class ServiceDefaultsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Messaging_options_bind_from_the_Messaging_section()
    {
        var options = Configuration(("Messaging:Transport", "RabbitMq"), ("Messaging:RabbitMqUri", "amqp://u:p@mq.example:5673/imaging"),
            ("Messaging:DeliveryLimit", "7"), ("Messaging:RetryLimit", "4"), ("Messaging:RetryInitialInterval", "00:00:01")).ReadMessagingOptions();

        Assert.Equal(MessagingTransport.RabbitMq, options.Transport);
        Assert.Equal(7, options.DeliveryLimit);
        Assert.Equal(4, options.RetryLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryInitialInterval);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public async Task Retries_are_logged_below_warning_and_an_opening_circuit_at_warning_or_above()
    {
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddImagingResilience(Configuration(("Resilience:Broker:MaxRetryAttempts", "2"), ("Resilience:Broker:BaseDelay", "00:00:00.001"),
            ("Resilience:Broker:MaxDelay", "00:00:00.002"), ("Resilience:Broker:MinimumThroughput", "2"), ("Resilience:Broker:FailureRatio", "0.5")));
        await using var provider = services.BuildServiceProvider();
        var broker = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(ResiliencePipelineNames.Broker);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(async () => await broker.ExecuteAsync(
                static _ => throw new TimeoutException("broker unreachable (simulated)"), CancellationToken.None));
        }

        var polly = logs.Entries.Where(e => e.Category.StartsWith("Polly", StringComparison.Ordinal)).ToList();
        Assert.Contains(polly, e => e.Text.Contains("OnRetry", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.DoesNotContain(polly, e => e.Level >= LogLevel.Warning && (e.Text.Contains("OnRetry", StringComparison.Ordinal) || e.Text.Contains("Execution attempt", StringComparison.Ordinal)));
        Assert.Contains(polly, e => e.Text.Contains("OnCircuitOpened", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Messaging_options_name_every_problem()
    {
        var problems = new MessagingOptions { Transport = MessagingTransport.RabbitMq, DeliveryLimit = 0, RetryLimit = -1 }.Validate();

        Assert.Contains(problems, p => p.Contains("RabbitMqUri is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DeliveryLimit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RetryLimit", StringComparison.Ordinal));
        Assert.Contains("is not amqp://", Assert.Single(new MessagingOptions { Transport = MessagingTransport.RabbitMq, RabbitMqUri = new Uri("http://x/") }.Validate()));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddImagingMessaging(new MessagingOptions { Transport = MessagingTransport.RabbitMq }));
    }

    [Theory]
    [InlineData("amqp://127.0.0.1:5673/", "127.0.0.1", 5673, "/", "guest", "guest", false)]
    [InlineData("amqp://mq", "mq", 5672, "/", "guest", "guest", false)]
    [InlineData("amqps://user:p%40ss@mq.example/%2Fimaging", "mq.example", 5671, "/imaging", "user", "p@ss", true)]
    [InlineData("amqp://a@mq/vh", "mq", 5672, "vh", "a", "guest", false)]
    public void RabbitMq_address_reads_an_amqp_uri_with_rabbitmq_defaults(string uri, string host, int port, string vhost, string user, string password, bool tls)
    {
        Assert.Equal(new RabbitMqAddress(host, port, vhost, user, password, tls), RabbitMqAddress.Parse(new Uri(uri)));
        Assert.DoesNotContain(password, RabbitMqAddress.Parse(new Uri(uri)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_pipeline_retries_transient_errors_only()
    {
        var pipeline = ImagingResiliencePipelines.CreateDatabase(Relays.FastDatabase);
        var attempts = 0;

        await pipeline.ExecuteAsync(_ => ++attempts < 3 ? throw new TestDatabaseException("busy", transient: true) : ValueTask.CompletedTask);
        Assert.Equal(3, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<TestDatabaseException>(async () =>
            await pipeline.ExecuteAsync(_ => { attempts++; throw new TestDatabaseException("syntax error", transient: false); }));
        Assert.Equal(1, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<TestDatabaseException>(async () =>
            await pipeline.ExecuteAsync(_ => { attempts++; throw new TestDatabaseException("busy", transient: true); }));
        Assert.Equal(1 + Relays.FastDatabase.MaxRetryAttempts, attempts);
    }

    [Fact]
    public async Task Broker_pipeline_times_out_each_attempt_and_then_opens_its_circuit()
    {
        var options = new BrokerResilienceOptions
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(100), MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(10),
            MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30),
        };
        var pipeline = ImagingResiliencePipelines.CreateBroker(options);
        var attempts = 0;

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () =>
            await pipeline.ExecuteAsync(async token => { attempts++; await Task.Delay(TimeSpan.FromMinutes(1), token); }));
        Assert.Equal(2, attempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");

        attempts = 0;
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(_ => { attempts++; return ValueTask.CompletedTask; }));
        Assert.Equal(0, attempts);
    }

    [Fact]
    public void Resilience_registration_binds_options_and_serves_both_pipelines_and_may_be_repeated()
    {
        var configuration = Configuration(("Resilience:Database:MaxRetryAttempts", "5"), ("Resilience:Broker:AttemptTimeout", "00:00:02"));
        var services = new ServiceCollection().AddImagingResilience(configuration).AddImagingResilience(configuration);
        using var provider = services.BuildServiceProvider();

        var pipelines = provider.GetRequiredService<ResiliencePipelineProvider<string>>();
        Assert.NotNull(pipelines.GetPipeline(ResiliencePipelineNames.Database));
        Assert.NotNull(pipelines.GetPipeline(ResiliencePipelineNames.Broker));
        Assert.Equal(5, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseResilienceOptions>>().Value.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BrokerResilienceOptions>>().Value.AttemptTimeout);
    }

    [Fact]
    public async Task Hosted_pipeline_announces_a_quiet_series_through_the_bus_and_traces_it()
    {
        var outbox = new FakeOutboxStore();
        var readiness = new FakeSeriesReadinessStore { OnCompleted = ready => outbox.Add(ready) };
        var probe = new ConsumerProbe { Fail = false };
        var activities = new List<Activity>();
        var configuration = Configuration(("Pipeline:OutboxRelay:PollInterval", "00:05:00"), ("Pipeline:SeriesAssembler:MaximumSleep", "00:00:01"));
        await using var bus = await TestBus.StartAsync(new MessagingOptions(), x => x.AddConsumer<FailingSeriesReadyConsumer>(), services =>
        {
            services.AddSingleton(probe);
            services.AddSingleton<Imaging.Storage.IOutboxStore>(outbox);
            services.AddSingleton<Imaging.Storage.ISeriesReadinessStore>(readiness);
            services.AddImagingPipeline(configuration);
            services.AddImagingTelemetry(configuration, "imaging-tests", tracing => tracing.AddInMemoryExporter(activities));
        });

        readiness.AddPending("1.2.3.9", DateTimeOffset.UtcNow.AddMilliseconds(200));
        bus.Services.GetRequiredService<SeriesAssembler>().Notify();

        await Eventually.UntilAsync(() => probe.Received.Count == 1, TimeSpan.FromSeconds(20), () => $"consumed; outbox {outbox}");
        Assert.Equal("1.2.3.9", Assert.IsType<SeriesReady>(Assert.Single(probe.Received)).SeriesInstanceUid);
        Assert.Same(bus.Services.GetRequiredService<OutboxRelay>(), bus.Services.GetRequiredService<IOutboxNotifier>());
        await Eventually.UntilAsync(() => { lock (activities) return activities.Any(a => a.Source.Name == "Imaging.Pipeline"); },
            TimeSpan.FromSeconds(10), () => "relay activity exported");
        lock (activities) Assert.Contains(activities, a => a.Source.Name == ImagingTelemetry.MassTransitSource);
    }
}
