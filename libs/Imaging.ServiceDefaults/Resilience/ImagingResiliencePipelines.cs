using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Imaging.ServiceDefaults.Resilience;

/// <summary>Builds the shared pipelines; used by the DI registration and directly where there is no container.</summary>
public static class ImagingResiliencePipelines
{
    /// <summary>Retry (jittered exponential backoff, transient database errors only), then a circuit breaker that fails
    /// calls at once while the database is clearly down instead of piling up waiting callers.</summary>
    public static ResiliencePipelineBuilder AddDatabaseStrategies(this ResiliencePipelineBuilder builder, DatabaseResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handled = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient);
        return builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = options.FailureRatio,
                SamplingDuration = options.SamplingDuration,
                MinimumThroughput = options.MinimumThroughput,
                BreakDuration = options.BreakDuration,
            });
    }

    /// <summary>Retry, circuit breaker, and a timeout per attempt (innermost, so each retry gets its own). Every failure
    /// counts except our own cancellation: any broker error may pass once the connection is back.</summary>
    public static ResiliencePipelineBuilder AddBrokerStrategies(this ResiliencePipelineBuilder builder, BrokerResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A cancellation that is not the caller's (the bus dropping a channel mid-publish) is a broker failure too.
        Func<Exception, CancellationToken, bool> isFailure = (ex, token) => ex is not OperationCanceledException || !token.IsCancellationRequested;
        return builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && isFailure(ex, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && isFailure(ex, args.Context.CancellationToken)),
                FailureRatio = options.FailureRatio,
                SamplingDuration = options.SamplingDuration,
                MinimumThroughput = options.MinimumThroughput,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout);
    }

    /// <summary>A stand-alone "database" pipeline.</summary>
    public static ResiliencePipeline CreateDatabase(DatabaseResilienceOptions options, TimeProvider? timeProvider = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }.AddDatabaseStrategies(options).Build();

    /// <summary>A stand-alone "broker" pipeline.</summary>
    public static ResiliencePipeline CreateBroker(BrokerResilienceOptions options, TimeProvider? timeProvider = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }.AddBrokerStrategies(options).Build();
}
