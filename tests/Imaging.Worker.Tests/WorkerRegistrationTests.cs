using Imaging.Analysis;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Tests;

/// <summary>What <see cref="WorkerServiceCollectionExtensions.AddImagingWorker"/> gives a host.</summary>
public sealed class WorkerRegistrationTests
{
    [Fact]
    public void Adding_the_worker_twice_registers_the_metadata_and_bone_scan_analyzers_once()
    {
        var services = new ServiceCollection().AddImagingWorker().AddImagingWorker();

        using var provider = services.BuildServiceProvider();

        Assert.Equal(["bone-scan", "metadata", "spine"], provider.GetServices<ISeriesAnalyzer>().Select(a => a.Name).Order());
    }

    [Fact]
    public void Without_study_queries_the_bone_scan_analyzer_gets_no_priors_and_with_them_the_store_source()
    {
        using var bare = new ServiceCollection().AddImagingWorker().BuildServiceProvider();
        var store = new Fakes.FakeImagingStore();
        using var hosted = new ServiceCollection()
            .AddSingleton<IStudyQueries>(store).AddSingleton<IFindingsStore>(store)
            .AddImagingWorker().BuildServiceProvider();

        Assert.IsType<NoPriorFindingsSource>(bare.GetRequiredService<IPriorFindingsSource>());
        Assert.IsType<StorePriorFindingsSource>(hosted.GetRequiredService<IPriorFindingsSource>());
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
