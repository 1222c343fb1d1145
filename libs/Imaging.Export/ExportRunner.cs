using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Threading.Channels;
using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Export.Manifest;
using Imaging.Export.Tables;
using Imaging.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Export;

/// <summary>Runs research exports: streams the cohort from the index, de-identifies and writes every instance with a
/// bounded number of workers under a byte budget, then the findings tables and the manifest, audits the export and
/// only then gives the output its final name (a failed or cancelled export leaves nothing behind).</summary>
public sealed class ExportRunner : IExportRunner
{
    private const int MaximumOutputPathLength = 4096;
    private const int MaximumRequestedByLength = 256;

    /// <summary>Blobs are read from streams: the whole dataset is in memory, bounded by the byte budget.</summary>
    private static readonly DicomReaderOptions ReaderOptions = new() { MaxInMemoryValueLength = int.MaxValue - 64 };

    private static readonly string ToolVersion =
        typeof(ExportRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly IExportQueries _queries;
    private readonly IBlobStore _blobs;
    private readonly IDeidentifierFactory _deidentifiers;
    private readonly Pseudonymizer _pseudonymizer;
    private readonly IAuditLog? _audit;
    private readonly TimeProvider _time;
    private readonly ExportRunnerOptions _options;
    private readonly ILogger<ExportRunner> _logger;
    private int _auditMissingLogged;

    /// <summary>Creates the runner; <paramref name="audit"/> may be null (exports then go unaudited, logged once).</summary>
    public ExportRunner(IExportQueries queries, IBlobStore blobs, IDeidentifierFactory deidentifiers, Pseudonymizer pseudonymizer,
        IAuditLog? audit, TimeProvider time, IOptions<ExportRunnerOptions> options, ILogger<ExportRunner> logger)
    {
        _queries = queries ?? throw new ArgumentNullException(nameof(queries));
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _deidentifiers = deidentifiers ?? throw new ArgumentNullException(nameof(deidentifiers));
        _pseudonymizer = pseudonymizer ?? throw new ArgumentNullException(nameof(pseudonymizer));
        _audit = audit;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<ExportResult> RunAsync(ExportRequest request, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var outputPath = CheckRequest(request);
        var cohort = ToCohort(request.Selection);
        var size = await _queries.MeasureCohortAsync(cohort, cancellationToken).ConfigureAwait(false);
        if (size.Instances == 0) throw new ExportException("The selection matches no instances; nothing to export.");
        var deidentifier = _deidentifiers.Create(request.Options);
        var exportId = Guid.NewGuid().ToString("N");
        var created = _time.GetUtcNow();

        using var activity = ExportTelemetry.Activities.StartActivity("export");
        activity?.SetTag("export.id", exportId);
        activity?.SetTag("export.instances.selected", size.Instances);
        _logger.LogInformation("Export {ExportId} by {RequestedBy} started: {Instances} instances of {Studies} studies ({Bytes} bytes) to {Output}",
            exportId, request.RequestedBy, size.Instances, size.Studies, size.Bytes, outputPath);

        IExportSink sink = request.IsZip ? ZipExportSink.Create(outputPath, request.DeflateZip, created) : FolderExportSink.Create(outputPath);
        await using var _ = sink.ConfigureAwait(false);
        var state = new ExportRunState(new PseudonymMap(_pseudonymizer, request.Options.RetainUids),
            new ExportProgressReporter(size.Instances, progress, _time, _options.ProgressInterval));
        try
        {
            await RunPipelineAsync(cohort, deidentifier, sink, state, cancellationToken).ConfigureAwait(false);
            await WriteTablesAsync(cohort, sink, state, cancellationToken).ConfigureAwait(false);

            var files = state.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            var counts = new ManifestCounts(state.ExportedPatients.Count, state.ExportedStudies.Count, state.ExportedSeries.Count,
                state.Progress.Exported, state.Progress.Quarantined, state.Progress.Failed, state.Progress.Bytes);
            var manifest = new ExportManifest(exportId, created, ToolVersion, request.RequestedBy, request.Options.Names,
                ToManifestSelection(request.Selection), counts, files, Sorted(state.Quarantined), Sorted(state.Failed));
            await sink.WriteAsync(ExportManifestWriter.FileName, ExportManifestWriter.Write(manifest), null, cancellationToken).ConfigureAwait(false);

            // Audited before the output gets its name: an export nobody recorded must not exist.
            await AuditAsync(exportId, request.RequestedBy, created, state, counts, 200, cancellationToken).ConfigureAwait(false);
            await sink.CommitAsync(cancellationToken).ConfigureAwait(false);

            var elapsed = _time.GetElapsedTime(started);
            state.Progress.ReportNow();
            ExportTelemetry.Exports.Add(1, new KeyValuePair<string, object?>("status", "completed"));
            _logger.LogInformation(
                "Export {ExportId} completed in {ElapsedMs} ms: {Exported} exported, {Quarantined} quarantined, {Failed} failed, {Bytes} bytes",
                exportId, (long)elapsed.TotalMilliseconds, counts.Exported, counts.Quarantined, counts.Failed, counts.DicomBytes);
            return new ExportResult(outputPath, ExportManifestWriter.FileName, counts.Patients, counts.Studies, counts.Exported, counts.Quarantined,
                counts.Failed, counts.DicomBytes, elapsed);
        }
        catch (Exception ex)
        {
            await sink.AbortAsync().ConfigureAwait(false);
            var cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            ExportTelemetry.Exports.Add(1, new KeyValuePair<string, object?>("status", cancelled ? "cancelled" : "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, cancelled ? "cancelled" : ex.GetType().Name);
            if (cancelled) _logger.LogInformation("Export {ExportId} cancelled; its partial output was removed", exportId);
            else _logger.LogError(ex, "Export {ExportId} failed; its partial output was removed", exportId);
            await TryAuditFailureAsync(exportId, request.RequestedBy, created, cancelled ? 499 : 500).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The full output path, after checking the request's shape (the output itself is checked by the sink).</summary>
    private static string CheckRequest(ExportRequest request)
    {
        if (request.Selection is null || request.Selection.PatientIds is null || request.Selection.Modalities is null)
            throw new ExportException("The export has no selection.");
        if (request.Options is null) throw new ExportException("The export has no de-identification options.");
        if (string.IsNullOrWhiteSpace(request.RequestedBy) || request.RequestedBy.Length > MaximumRequestedByLength)
            throw new ExportException($"The export must name who asked for it (at most {MaximumRequestedByLength} characters).");
        if (string.IsNullOrWhiteSpace(request.OutputPath) || request.OutputPath.Length > MaximumOutputPathLength || request.OutputPath.Contains('\0'))
            throw new ExportException("The output path is empty, too long or malformed.");
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.OutputPath));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ExportException($"The output path is not valid: {ex.Message}", ex);
        }
    }

    private static ExportCohort ToCohort(ExportSelection selection)
    {
        var cohort = new ExportCohort(selection.PatientIds, selection.Modalities, selection.StudyDateFrom, selection.StudyDateTo,
            selection.MinimumLesionCount, selection.FlaggedLevel, selection.AnyFlaggedLevel);
        try
        {
            cohort.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ExportException($"The selection is not valid: {ex.Message}", ex);
        }
        return cohort;
    }

    private ManifestSelection ToManifestSelection(ExportSelection selection) => new(
        [.. selection.PatientIds.Distinct(StringComparer.Ordinal).Select(_pseudonymizer.Patient).Order(StringComparer.Ordinal)],
        [.. selection.Modalities.Select(FindingsTableBuilder.Token).OfType<string>()],
        selection.StudyDateFrom, selection.StudyDateTo, selection.MinimumLesionCount, FindingsTableBuilder.Level(selection.FlaggedLevel),
        selection.AnyFlaggedLevel);

    private static List<ManifestItem> Sorted(IEnumerable<ManifestItem> items) =>
        [.. items.OrderBy(i => i.Patient, StringComparer.Ordinal).ThenBy(i => i.Study, StringComparer.Ordinal)
            .ThenBy(i => i.Series, StringComparer.Ordinal).ThenBy(i => i.SopInstance, StringComparer.Ordinal)];

    /// <summary>One producer streams the cohort into a bounded channel, reserving each instance's bytes first; the
    /// workers de-identify and hand the files to the sink, which gives the bytes back once written.</summary>
    private async Task RunPipelineAsync(ExportCohort cohort, IDeidentifier deidentifier, IExportSink sink, ExportRunState state,
        CancellationToken cancellationToken)
    {
        var workers = _options.EffectiveWorkers;
        var budget = new ByteBudget(_options.MaxBufferedBytes);
        var channel = Channel.CreateBounded<(ExportInstance Instance, long Reserved)>(
            new BoundedChannelOptions(workers * 2) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task ProduceAsync()
        {
            try
            {
                await foreach (var instance in _queries.StreamCohortInstancesAsync(cohort, stop.Token).ConfigureAwait(false))
                {
                    if (FindingsTableBuilder.ParseDa(instance.StudyDate) is { } date
                        && (!state.FirstStudyDates.TryGetValue(instance.PatientId, out var first) || date < first))
                        state.FirstStudyDates[instance.PatientId] = date;
                    // Parsed input and encoded output are both in memory until the sink has written the file.
                    var reserved = await budget.AcquireAsync(Math.Min(instance.SizeBytes, _options.MaxInstanceBytes) * 2 + 64 * 1024, stop.Token)
                        .ConfigureAwait(false);
                    await channel.Writer.WriteAsync((instance, reserved), stop.Token).ConfigureAwait(false);
                }
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
                throw;
            }
        }

        async Task ConsumeAsync()
        {
            await foreach (var (instance, reserved) in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var released = 0;
                void Release()
                {
                    if (Interlocked.Exchange(ref released, 1) == 0) budget.Release(reserved);
                }
                try
                {
                    await ProcessAsync(instance, deidentifier, sink, state, Release, stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    Release();
                    throw;
                }
            }
        }

        async Task StopOthersOnFailure(Func<Task> work)
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var tasks = new List<Task> { Task.Run(() => StopOthersOnFailure(ProduceAsync), CancellationToken.None) };
        for (var i = 0; i < workers; i++) tasks.Add(Task.Run(() => StopOthersOnFailure(ConsumeAsync), CancellationToken.None));
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch when (cancellationToken.IsCancellationRequested)
        {
            // Whichever task noticed first, the caller's cancellation is the cause.
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            // The first real failure, not the cancellations it caused in the other tasks.
            var failure = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException and not ChannelClosedException);
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            throw;
        }
    }

    private async Task ProcessAsync(ExportInstance instance, IDeidentifier deidentifier, IExportSink sink, ExportRunState state, Action release,
        CancellationToken cancellationToken)
    {
        var prepared = Prepare(instance, deidentifier, state.Pseudonyms);
        if (prepared.Quarantined is { } quarantined)
        {
            release();
            state.Quarantined.Enqueue(quarantined);
            state.Progress.AddQuarantined();
            ExportTelemetry.Instances.Add(1, new KeyValuePair<string, object?>("outcome", "quarantined"));
            return;
        }
        if (prepared.Failed is null && !state.Paths.TryAdd(prepared.RelativePath!, 0))
        {
            prepared = prepared with { Failed = FailedItem(instance, state.Pseudonyms, "another instance has the same exported name") };
        }
        if (prepared.Failed is { } failed)
        {
            release();
            state.Failed.Enqueue(failed);
            state.Progress.AddFailed();
            ExportTelemetry.Instances.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            _logger.LogWarning("Export item failed: {Error} (patient {Patient}, SOP class {SopClass})", failed.Reason, failed.Patient, failed.SopClass);
            return;
        }
        await sink.WriteAsync(prepared.RelativePath!, prepared.Content, release, cancellationToken).ConfigureAwait(false);
        state.Files.Enqueue(new ManifestFile(prepared.RelativePath!, prepared.Content.Length, prepared.Sha256!));
        state.AuditedStudies.TryAdd((instance.PatientId, instance.StudyInstanceUid), 0);
        state.ExportedPatients.TryAdd(prepared.Patient!, 0);
        state.ExportedStudies.TryAdd(prepared.Study!, 0);
        state.ExportedSeries.TryAdd(prepared.Series!, 0);
        state.Progress.AddExported(prepared.Content.Length);
        ExportTelemetry.Instances.Add(1, new KeyValuePair<string, object?>("outcome", "exported"));
        ExportTelemetry.Bytes.Add(prepared.Content.Length);
    }

    /// <summary>Reads, de-identifies and encodes one instance (CPU work on the worker's thread). Any problem with the
    /// instance itself becomes a failed item whose error names only the kind of problem, never a value from the file.</summary>
    private PreparedInstance Prepare(ExportInstance instance, IDeidentifier deidentifier, PseudonymMap pseudonyms)
    {
        PreparedInstance Fail(string error) => new(null, default, null, null, null, null, null, FailedItem(instance, pseudonyms, error));

        if (instance.SizeBytes > _options.MaxInstanceBytes) return Fail($"larger than the export limit of {_options.MaxInstanceBytes} bytes");
        DicomFile file;
        try
        {
            using var stream = _blobs.OpenRead(instance.BlobKey);
            file = DicomFileReader.Read(stream, ReaderOptions);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail("stored file missing");
        }
        catch (DicomFormatException ex)
        {
            return Fail($"stored file is not readable DICOM (format error at byte {ex.Offset})");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Fail($"stored file could not be read ({ex.GetType().Name})");
        }

        DeidentificationOutcome outcome;
        try
        {
            outcome = deidentifier.Deidentify(file.Dataset);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Fail($"de-identification failed ({ex.GetType().Name})");
        }
        pseudonyms.LearnPatient(instance.PatientId, outcome.PatientId);
        pseudonyms.LearnUid(instance.StudyInstanceUid, outcome.StudyInstanceUid);
        pseudonyms.LearnUid(instance.SeriesInstanceUid, outcome.SeriesInstanceUid);
        pseudonyms.LearnUid(instance.SopInstanceUid, outcome.SopInstanceUid);
        if (outcome.QuarantineReason is { } reason)
        {
            return new PreparedInstance(null, default, null, null, null, null, new ManifestItem(outcome.PatientId, outcome.StudyInstanceUid,
                outcome.SeriesInstanceUid, outcome.SopInstanceUid, outcome.SopClassUid, reason), null);
        }

        MemoryStream output;
        try
        {
            // Nothing of the source's meta group (its SOP Instance UID, AE titles) is carried over.
            var deidentified = DeidentifiedFile.WithFreshMeta(file);
            output = new MemoryStream((int)Math.Min(instance.SizeBytes + 64 * 1024, Array.MaxLength));
            DicomFileWriter.Write(output, deidentified, file.TransferSyntax);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return Fail($"writing the de-identified file failed ({ex.GetType().Name})");
        }
        var content = output.GetBuffer().AsMemory(0, (int)output.Length);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = ExportPath.ForInstance(outcome.PatientId, outcome.StudyInstanceUid, outcome.SeriesInstanceUid, outcome.SopInstanceUid);
        return new PreparedInstance(path, content, hash, outcome.PatientId, outcome.StudyInstanceUid, outcome.SeriesInstanceUid, null, null);
    }

    private static ManifestItem FailedItem(ExportInstance instance, PseudonymMap pseudonyms, string error) => new(
        pseudonyms.Patient(instance.PatientId), pseudonyms.Uid(instance.StudyInstanceUid)!, pseudonyms.Uid(instance.SeriesInstanceUid)!,
        pseudonyms.Uid(instance.SopInstanceUid)!, FindingsTableBuilder.Token(instance.SopClassUid) ?? "unknown", error);

    /// <summary>findings, vertebrae and lesions, each as CSV and Parquet, from the newest documents of the cohort.</summary>
    private async Task WriteTablesAsync(ExportCohort cohort, IExportSink sink, ExportRunState state, CancellationToken cancellationToken)
    {
        var documents = await _queries.GetCohortFindingsAsync(cohort, cancellationToken).ConfigureAwait(false);
        var tables = FindingsTableBuilder.Build(documents, state.Pseudonyms, state.FirstStudyDates, _options.MaxFindingsDocumentBytes, _logger);
        await WriteTableAsync(FindingsTableSchemas.Findings, tables.Findings, sink, state, cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(FindingsTableSchemas.Vertebrae, tables.Vertebrae, sink, state, cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(FindingsTableSchemas.Lesions, tables.Lesions, sink, state, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteTableAsync<TRow>(TableDefinition<TRow> table, IReadOnlyList<TRow> rows, IExportSink sink, ExportRunState state,
        CancellationToken cancellationToken)
    {
        await WriteFileAsync(table.Name + ".csv", CsvTableWriter.Write(table, rows), sink, state, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(table.Name + ".parquet", await ParquetTableWriter.WriteAsync(table, rows, cancellationToken).ConfigureAwait(false), sink,
            state, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(string path, byte[] content, IExportSink sink, ExportRunState state, CancellationToken cancellationToken)
    {
        await sink.WriteAsync(path, content, null, cancellationToken).ConfigureAwait(false);
        state.Files.Enqueue(new ManifestFile(path, content.Length, Convert.ToHexStringLower(SHA256.HashData(content))));
    }

    /// <summary>One entry per exported study with the ORIGINAL identifiers (the audit log is the internal record), then
    /// the summary entry.</summary>
    private async Task AuditAsync(string exportId, string requestedBy, DateTimeOffset created, ExportRunState state, ManifestCounts counts,
        int status, CancellationToken cancellationToken)
    {
        if (_audit is null)
        {
            if (Interlocked.Exchange(ref _auditMissingLogged, 1) == 0)
                _logger.LogWarning("No audit log is registered: research exports are not audited");
            return;
        }
        var target = "export:" + exportId;
        var duration = _time.GetUtcNow() - created;
        var entries = state.AuditedStudies.Keys.OrderBy(k => k.PatientId, StringComparer.Ordinal).ThenBy(k => k.StudyInstanceUid, StringComparer.Ordinal)
            .Select(k => new AuditEntry(0, created, requestedBy, null, "export", null, "EXPORT", target, k.PatientId, k.StudyInstanceUid, null, null,
                status, duration))
            .ToList();
        entries.Add(new AuditEntry(0, created, requestedBy, null, "export", null, "EXPORT",
            $"{target}?studies={counts.Studies}&exported={counts.Exported}&quarantined={counts.Quarantined}&failed={counts.Failed}",
            null, null, null, null, status, duration));
        await _audit.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    private async Task TryAuditFailureAsync(string exportId, string requestedBy, DateTimeOffset created, int status)
    {
        if (_audit is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _audit.AppendAsync([new AuditEntry(0, created, requestedBy, null, "export", null, "EXPORT", "export:" + exportId, null, null, null,
                null, status, _time.GetUtcNow() - created)], timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Could not audit the end of export {ExportId}", exportId);
        }
    }
}
