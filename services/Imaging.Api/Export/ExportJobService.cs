using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Imaging.Api.Workspace;
using Imaging.Export;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Export;

/// <summary>Runs the research export jobs of this API node in the background: a bounded queue, at most
/// <see cref="ExportOptions.MaxConcurrentJobs"/> at a time, progress written to the store, outputs as
/// <c>&lt;folder&gt;/&lt;id&gt;.zip</c> with their SHA-256, cancellation, retention, and on start the recovery of what a crash left.</summary>
/// <remarks>Every state change is a compare-and-set on the stored state (<see cref="IExportJobStore.UpdateExportJobAsync"/>), so
/// a cancel racing the start of a job, or two nodes, never both win.</remarks>
internal sealed partial class ExportJobService : BackgroundService
{
    public const string InterruptedByRestart = "interrupted by a restart";
    public const string InterruptedByShutdown = "interrupted by a shutdown";

    /// <summary>Jobs removed per store round trip by the retention sweep.</summary>
    private const int SweepBatch = 100;

    /// <summary>Longest a final state write may take once the host is stopping.</summary>
    private static readonly TimeSpan FinalWriteTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RecoveryRetryInterval = TimeSpan.FromSeconds(5);

    private readonly IExportJobStore _store;
    private readonly IServiceProvider _services;
    private readonly ExportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportJobService> _logger;
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();
    private readonly ConcurrentDictionary<Guid, RunningExport> _running = new();
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExportJobService(IExportJobStore store, IServiceProvider services, IOptions<ExportOptions> options, WorkspaceDataFolder dataFolder,
        TimeProvider time, ILogger<ExportJobService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        _store = store;
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Node = string.IsNullOrWhiteSpace(_options.NodeName) ? Environment.MachineName : _options.NodeName.Trim();
        Folder = Path.GetFullPath(!string.IsNullOrWhiteSpace(_options.Folder) ? _options.Folder
            : Path.Combine(dataFolder.Path ?? throw new InvalidOperationException("Research exports need Export:Folder or a data folder."), "exports"));
    }

    /// <summary>This node's name in the job rows.</summary>
    public string Node { get; }

    /// <summary>Where outputs are written.</summary>
    public string Folder { get; }

    public ExportOptions Options => _options;

    /// <summary>Completes once the jobs a previous run left behind have been failed or queued again (tests wait on it).</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>The output file of job <paramref name="id"/>.</summary>
    public string OutputPath(Guid id) => Path.Combine(Folder, id.ToString("D") + ".zip");

    /// <summary>The runner's latest progress for a job running here, fresher than the stored one.</summary>
    public ExportProgress? LiveProgress(Guid id) => _running.TryGetValue(id, out var running) ? running.Latest : null;

    /// <summary>Stores and queues a new job; null when <see cref="ExportOptions.MaxQueuedJobs"/> jobs already wait.</summary>
    public async Task<ExportJob?> SubmitAsync(string owner, ExportJobRequest request, CancellationToken cancellationToken)
    {
        if (_queued.Count >= _options.MaxQueuedJobs) return null;
        var json = JsonSerializer.Serialize(request, ExportJsonContext.Default.ExportJobRequest);
        var job = new ExportJob(Guid.NewGuid(), owner, Node, ExportJobState.Queued, json, _time.GetUtcNow());
        await _store.CreateExportJobAsync(job, cancellationToken).ConfigureAwait(false);
        Enqueue(job.Id);
        Submitted(_logger, job.Id, owner);
        return job;
    }

    /// <summary>Cancels a queued or running job, or removes a finished one with its output.</summary>
    public async Task<ExportCancelOutcome> CancelAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // Twice at most: a queued job may start between the read and the write.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            switch (job.State)
            {
                case ExportJobState.Queued:
                    if (await _store.UpdateExportJobAsync(job with { State = ExportJobState.Cancelled, FinishedAt = _time.GetUtcNow() },
                        ExportJobState.Queued, cancellationToken).ConfigureAwait(false))
                    {
                        Cancelled(_logger, job.Id);
                        return ExportCancelOutcome.Cancelled;
                    }
                    break;
                case ExportJobState.Running:
                    if (_running.TryGetValue(job.Id, out var running))
                    {
                        await running.Cancellation.CancelAsync().ConfigureAwait(false);
                        return ExportCancelOutcome.CancelRequested;
                    }
                    if (!string.Equals(job.Node, Node, StringComparison.Ordinal)) return ExportCancelOutcome.RunningElsewhere;
                    break;
                default:
                    RemoveOutput(job.Id);
                    await _store.DeleteExportJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
                    Removed(_logger, job.Id);
                    return ExportCancelOutcome.Removed;
            }
            var reread = await _store.GetExportJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (reread is null) return ExportCancelOutcome.NotFound;
            job = reread;
        }
        // Running here per the store but not yet in _running: it is starting right now; report the request as accepted.
        return job.State == ExportJobState.Running ? ExportCancelOutcome.CancelRequested : ExportCancelOutcome.NotFound;
    }

    /// <summary>Removes finished jobs older than the retention, with their outputs; returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
        var removed = 0;
        while (true)
        {
            var expired = await _store.ListExportJobsFinishedBeforeAsync(before, SweepBatch, cancellationToken).ConfigureAwait(false);
            foreach (var job in expired)
            {
                RemoveOutput(job.Id);
                if (await _store.DeleteExportJobAsync(job.Id, cancellationToken).ConfigureAwait(false)) removed++;
            }
            if (expired.Count < SweepBatch) break;
        }
        if (removed > 0) Expired(_logger, removed, _options.RetentionDays);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested) return;
        var loops = new List<Task>();
        for (var i = 0; i < _options.MaxConcurrentJobs; i++) loops.Add(WorkAsync(stoppingToken));
        loops.Add(SweepLoopAsync(stoppingToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>Jobs this node was running when it stopped become failed (their partial output removed); its queued ones queue again.
    /// Retried until the store answers, so a database that starts after the API still gets it done.</summary>
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var job in await _store.ListExportJobsAsync(Node, ExportJobState.Running, stoppingToken).ConfigureAwait(false))
                {
                    RemoveOutput(job.Id);
                    await _store.UpdateExportJobAsync(job with
                    {
                        State = ExportJobState.Failed,
                        Error = InterruptedByRestart,
                        FinishedAt = _time.GetUtcNow(),
                        OutputPath = null,
                    }, ExportJobState.Running, stoppingToken).ConfigureAwait(false);
                    Interrupted(_logger, job.Id);
                }
                foreach (var job in await _store.ListExportJobsAsync(Node, ExportJobState.Queued, stoppingToken).ConfigureAwait(false)) Enqueue(job.Id);
                _recovered.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                RecoveryFailed(_logger, ex.Message);
                try
                {
                    await Task.Delay(RecoveryRetryInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Enqueue(Guid id)
    {
        if (_queued.TryAdd(id, 0)) _queue.Writer.TryWrite(id);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _queued.TryRemove(id, out _);
                try
                {
                    await RunAsync(id, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store failed around the job (its own failures are recorded in RunAsync); the next job may fare better.
                    JobCrashed(_logger, id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops; the jobs still queued stay queued in the store and run after the restart.
        }
    }

    private async Task RunAsync(Guid id, CancellationToken stoppingToken)
    {
        var job = await _store.GetExportJobAsync(id, stoppingToken).ConfigureAwait(false);
        if (job is not { State: ExportJobState.Queued }) return;
        var output = OutputPath(id);
        var started = job with { State = ExportJobState.Running, StartedAt = _time.GetUtcNow(), OutputPath = output };
        if (!await _store.UpdateExportJobAsync(started, ExportJobState.Queued, stoppingToken).ConfigureAwait(false)) return;

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = new RunningExport(cancellation);
        _running[id] = running;
        Started(_logger, id, job.Owner);
        try
        {
            var result = await RunExportAsync(started, output, running, cancellation.Token).ConfigureAwait(false);
            var (size, sha256) = await HashAsync(output, cancellation.Token).ConfigureAwait(false);
            var progress = running.Latest;
            await FinishAsync(started with
            {
                State = ExportJobState.Succeeded,
                FinishedAt = _time.GetUtcNow(),
                Total = Math.Max(progress?.Total ?? 0, result.Exported + result.Quarantined + result.Failed),
                Exported = result.Exported,
                Quarantined = result.Quarantined,
                Failed = result.Failed,
                BytesWritten = result.BytesWritten,
                Patients = result.Patients,
                Studies = result.Studies,
                OutputBytes = size,
                OutputSha256 = sha256,
            }).ConfigureAwait(false);
            Succeeded(_logger, id, result.Exported, result.Quarantined, result.Failed, size);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            RemoveOutput(id);
            var shutdown = stoppingToken.IsCancellationRequested;
            await FinishAsync(WithProgress(started, running) with
            {
                State = shutdown ? ExportJobState.Failed : ExportJobState.Cancelled,
                Error = shutdown ? InterruptedByShutdown : null,
                FinishedAt = _time.GetUtcNow(),
                OutputPath = null,
            }).ConfigureAwait(false);
            if (!shutdown) Cancelled(_logger, id);
        }
        catch (Exception ex)
        {
            RemoveOutput(id);
            var message = ex is ExportException ? ex.Message : $"export failed: {ex.GetType().Name}: {ex.Message}";
            await FinishAsync(WithProgress(started, running) with
            {
                State = ExportJobState.Failed,
                Error = message.ReplaceLineEndings(" "),
                FinishedAt = _time.GetUtcNow(),
                OutputPath = null,
            }).ConfigureAwait(false);
            Failed(_logger, id, ex);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private async Task<ExportResult> RunExportAsync(ExportJob job, string output, RunningExport running, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize(job.Request, ExportJsonContext.Default.ExportJobRequest)
            ?? throw new ExportException("The stored request of this job is empty.");
        // The stored request was checked on the way in; checking it again only guards against a row edited by hand.
        if (!ExportRequestRules.TryBuild(stored, _options.DefaultProfile, int.MaxValue, out _, out var selection, out var deidentification, out var error))
            throw new ExportException($"The stored request is invalid: {error.Field}: {error.Message}");
        var runner = _services.GetService<IExportRunner>()
            ?? throw new ExportException("No export runner is configured in this deployment.");
        Directory.CreateDirectory(Folder);
        using var persist = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progressLoop = PersistProgressAsync(job, running, persist.Token);
        try
        {
            return await runner.RunAsync(new ExportRequest(selection, output, deidentification, job.Owner), running, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await persist.CancelAsync().ConfigureAwait(false);
            await progressLoop.ConfigureAwait(false);
        }
    }

    /// <summary>Writes the latest progress every <see cref="ExportOptions.ProgressInterval"/>, so other nodes and a later
    /// restart see how far the job got; a failed write is logged and tried again next time.</summary>
    private async Task PersistProgressAsync(ExportJob job, RunningExport running, CancellationToken cancellationToken)
    {
        ExportProgress? written = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProgressInterval, _time, cancellationToken).ConfigureAwait(false);
                var latest = running.Latest;
                if (latest is null || latest == written) continue;
                await _store.UpdateExportJobAsync(WithProgress(job, running), ExportJobState.Running, cancellationToken).ConfigureAwait(false);
                written = latest;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ProgressWriteFailed(_logger, job.Id, ex.Message);
            }
        }
    }

    private static ExportJob WithProgress(ExportJob job, RunningExport running) => running.Latest is { } p
        ? job with { Total = p.Total, Exported = p.Exported, Quarantined = p.Quarantined, Failed = p.Failed, BytesWritten = p.BytesWritten }
        : job;

    /// <summary>The final write happens whatever the host is doing: a job must not stay "running" because the host was stopping.</summary>
    private async Task FinishAsync(ExportJob finished)
    {
        using var timeout = new CancellationTokenSource(FinalWriteTimeout);
        await _store.UpdateExportJobAsync(finished, ExportJobState.Running, timeout.Token).ConfigureAwait(false);
    }

    private static async Task<(long Size, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new ExportException("The export runner wrote no output file.");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Deletes the output of <paramref name="id"/> and anything a runner left beside it (<c>&lt;id&gt;.zip.partial</c>, a folder).</summary>
    private void RemoveOutput(Guid id)
    {
        if (!Directory.Exists(Folder)) return;
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Folder, id.ToString("D") + "*"))
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RemoveFailed(_logger, id, ex.Message);
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepExpiredAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.RetentionSweepInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                SweepFailed(_logger, ex.Message);
                try
                {
                    await Task.Delay(_options.RetentionSweepInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Export job {JobId} queued by {Owner}")]
    private static partial void Submitted(ILogger logger, Guid jobId, string owner);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Export job {JobId} of {Owner} started")]
    private static partial void Started(ILogger logger, Guid jobId, string owner);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Export job {JobId} succeeded: {Exported} exported, {Quarantined} quarantined, {FailedCount} failed, {Bytes} bytes")]
    private static partial void Succeeded(ILogger logger, Guid jobId, int exported, int quarantined, int failedCount, long bytes);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Export job {JobId} failed")]
    private static partial void Failed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Export job {JobId} cancelled")]
    private static partial void Cancelled(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "Export job {JobId} removed with its output")]
    private static partial void Removed(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = 906, Level = LogLevel.Warning, Message = "Export job {JobId} was running when this node stopped: marked failed, partial output removed")]
    private static partial void Interrupted(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = 907, Level = LogLevel.Information, Message = "Retention removed {Count} export jobs finished more than {Days} days ago")]
    private static partial void Expired(ILogger logger, int count, double days);

    [LoggerMessage(EventId = 908, Level = LogLevel.Warning, Message = "Export job recovery failed, retrying: {Reason}")]
    private static partial void RecoveryFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 909, Level = LogLevel.Warning, Message = "Export retention sweep failed: {Reason}")]
    private static partial void SweepFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Progress of export job {JobId} not written: {Reason}")]
    private static partial void ProgressWriteFailed(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(EventId = 911, Level = LogLevel.Warning, Message = "Output of export job {JobId} not removed: {Reason}")]
    private static partial void RemoveFailed(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(EventId = 912, Level = LogLevel.Error, Message = "Export job {JobId}: the store failed around it")]
    private static partial void JobCrashed(ILogger logger, Guid jobId, Exception exception);
}
