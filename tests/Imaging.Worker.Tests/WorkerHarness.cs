using System.Threading.Channels;
using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Imaging.Worker.Tests.Fakes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Tests;

/// <summary>A real MassTransit bus on the in-memory transport running the worker against fake storage, with probes that
/// let a test wait (with a timeout) for what happened on the bus.</summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _provider;
    private readonly IBusControl _bus;
    private readonly TempFolder _folder;

    private WorkerHarness(ServiceProvider provider, IBusControl bus, TempFolder folder, FakeImagingStore store, FolderBlobStore blobs, BusProbe probe)
    {
        _provider = provider;
        _bus = bus;
        _folder = folder;
        Store = store;
        Blobs = blobs;
        Probe = probe;
    }

    public FakeImagingStore Store { get; }
    public FolderBlobStore Blobs { get; }
    public BusProbe Probe { get; }
    public string Folder => _folder.Path;

    /// <summary>Starts the bus with the worker registered as a host would, retrying quickly; <paramref name="configure"/>
    /// may add analyzers.</summary>
    public static async Task<WorkerHarness> StartAsync(Action<IServiceCollection>? configure = null, int retries = 3)
    {
        var folder = new TempFolder();
        var store = new FakeImagingStore();
        var blobs = new FolderBlobStore(folder.Path);
        var probe = new BusProbe();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IInstanceIndex>(store);
        services.AddSingleton<IFindingsStore>(store);
        services.AddSingleton<IBlobStore>(blobs);
        services.AddSingleton(probe);
        services.AddImagingWorker(o => o.RetryIntervals = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(20), retries)]);
        configure?.Invoke(services);
        services.AddMassTransit(x =>
        {
            x.AddImagingWorkerConsumers();
            x.AddConsumer<FindingsProducedCollector>();
            x.AddConsumer<SeriesReadyFaultCollector>();
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var bus = provider.GetRequiredService<IBusControl>();
        bus.ConnectConsumeObserver(probe);
        bus.ConnectPublishObserver(probe);
        using var cts = new CancellationTokenSource(Timeout);
        await bus.StartAsync(cts.Token);
        return new WorkerHarness(provider, bus, folder, store, blobs, probe);
    }

    /// <summary>Puts a file in the blob store and indexes it, as the gateway would have.</summary>
    public async Task<InstanceRecord> IndexAsync(string path)
    {
        var ds = DicomFileReader.Read(path, new DicomReaderOptions { StopBeforeTag = DicomTag.PixelData }).Dataset;
        var key = new InstanceKey(ds.GetString(DicomTags.StudyInstanceUID)!, ds.GetString(DicomTags.SeriesInstanceUID)!, ds.GetString(DicomTag.SopInstanceUid)!);
        var temporary = Path.Combine(Folder, $"{Guid.NewGuid():N}.tmp");
        File.Copy(path, temporary);
        var blobKey = await Blobs.PutAsync(temporary, key, dataIsDurable: false, CancellationToken.None);
        var record = new InstanceRecord
        {
            PatientId = ds.GetString(DicomTags.PatientID) ?? "",
            StudyInstanceUid = key.StudyInstanceUid,
            SeriesInstanceUid = key.SeriesInstanceUid,
            Modality = ds.GetString(DicomTags.Modality) ?? "",
            SopInstanceUid = key.SopInstanceUid,
            SopClassUid = ds.GetString(DicomTag.SopClassUid)!,
            InstanceNumber = (int?)ds.GetInteger(DicomTags.InstanceNumber),
            TransferSyntaxUid = "1.2.840.10008.1.2.1",
            BlobKey = blobKey,
            SizeBytes = new FileInfo(path).Length,
            CallingAeTitle = "TEST",
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        Store.Add(record);
        return record;
    }

    public async Task PublishAsync(SeriesReady message)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _bus.Publish(message, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _bus.StopAsync(cts.Token);
        await _provider.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Reads the next item of <paramref name="channel"/>, failing the test when none comes in time.</summary>
    public static async Task<T> NextAsync<T>(ChannelReader<T> channel, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            return await channel.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} within {Timeout.TotalSeconds} s");
        }
    }
}

/// <summary>Everything the tests wait for: SeriesReady consumed, FindingsProduced published and delivered, faults.</summary>
public sealed class BusProbe : IConsumeObserver, IPublishObserver
{
    private int _findingsPublished;

    /// <summary>SeriesReady messages the worker finished without an exception.</summary>
    public Channel<SeriesReady> Consumed { get; } = Channel.CreateUnbounded<SeriesReady>();

    /// <summary>FindingsProduced as delivered to a subscriber.</summary>
    public Channel<FindingsProduced> Delivered { get; } = Channel.CreateUnbounded<FindingsProduced>();

    /// <summary>Fault&lt;SeriesReady&gt;: the worker gave up on a message after its retries.</summary>
    public Channel<Fault<SeriesReady>> Faults { get; } = Channel.CreateUnbounded<Fault<SeriesReady>>();

    /// <summary>FindingsProduced publishes, counted as the publish returns (before any delivery).</summary>
    public int FindingsPublished => Volatile.Read(ref _findingsPublished);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is SeriesReady ready) Consumed.Writer.TryWrite(ready);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is FindingsProduced) Interlocked.Increment(ref _findingsPublished);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>A subscriber to FindingsProduced, as the comparison service will be.</summary>
public sealed class FindingsProducedCollector(BusProbe probe) : IConsumer<FindingsProduced>
{
    public Task Consume(ConsumeContext<FindingsProduced> context)
    {
        probe.Delivered.Writer.TryWrite(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Collects the faults MassTransit publishes when the worker gives up on a message.</summary>
public sealed class SeriesReadyFaultCollector(BusProbe probe) : IConsumer<Fault<SeriesReady>>
{
    public Task Consume(ConsumeContext<Fault<SeriesReady>> context)
    {
        probe.Faults.Writer.TryWrite(context.Message);
        return Task.CompletedTask;
    }
}
