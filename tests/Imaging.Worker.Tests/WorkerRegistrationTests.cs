using Imaging.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Tests;

/// <summary>What <see cref="WorkerServiceCollectionExtensions.AddImagingWorker"/> gives a host.</summary>
public sealed class WorkerRegistrationTests
{
    [Fact]
    public void Adding_the_worker_twice_registers_the_metadata_analyzer_once()
    {
        var services = new ServiceCollection().AddImagingWorker().AddImagingWorker();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<MetadataAnalyzer>(Assert.Single(provider.GetServices<ISeriesAnalyzer>()));
    }

    [Fact]
    public void Invalid_worker_options_name_every_problem()
    {
        var services = new ServiceCollection().AddImagingWorker(o =>
        {
            o.ConcurrentSeries = 0;
            o.RetryIntervals = [TimeSpan.FromSeconds(-1)];
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WorkerOptions>>().Value);

        Assert.Contains("Worker:ConcurrentSeries must be at least 1 (is 0)", error.Failures);
        Assert.Contains("Worker:RetryIntervals must not be negative", error.Failures);
    }
}
