using System.Diagnostics;
using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Contracts;
using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker;

/// <summary>Analyses one ready series: reads its instances' headers once, runs every analyzer that accepts it, and keeps
/// each result (idempotently) in the findings store. Knows nothing of the bus: the consumer hands it the message and a
/// way to announce stored findings.</summary>
public sealed class SeriesAnalysisRunner(
    IInstanceIndex index,
    IBlobStore blobs,
    IFindingsStore findings,
    IEnumerable<ISeriesAnalyzer> analyzers,
    TimeProvider time,
    ILogger<SeriesAnalysisRunner> logger)
{
    private const int LoggedProblems = 10;

    /// <summary>Runs the analysis of <paramref name="ready"/>, calling <paramref name="onStored"/> for each findings record
    /// of this ready version, whether this call stored it or an earlier delivery did (announcing is at-least-once). Throws when the index or findings store fails (so the message
    /// is retried) and <see cref="SeriesAnalysisFailedException"/> when an analyzer failed after the others were stored.</summary>
    public async Task<IReadOnlyList<FindingsRecord>> RunAsync(SeriesReady ready, Func<FindingsRecord, Task> onStored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(onStored);
        if (!DicomUidValidator.IsValid(ready.SeriesInstanceUid) || !DicomUidValidator.IsValid(ready.StudyInstanceUid))
        {
            // Retrying cannot make a malformed UID valid: drop it, loudly.
            WorkerLog.InvalidMessage(logger, ready.SeriesInstanceUid ?? "", ready.StudyInstanceUid ?? "");
            return [];
        }

        var instances = await index.GetSeriesInstancesAsync(ready.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        if (instances.Count == 0)
        {
            WorkerLog.SeriesEmpty(logger, ready.SeriesInstanceUid);
            return [];
        }

        var input = SeriesMetadataExtractor.Extract(instances.Select(Locate), cancellationToken);
        var metadata = input.Metadata;
        WorkerLog.SeriesRead(logger, ready.SeriesInstanceUid, ready.ReadyVersion, metadata.InstanceCount, metadata.Problems.Count,
            metadata.Content.Kind.ToString(), metadata.Content.Reason);
        // The findings keep every problem; the log gets the first few, so a series of 2,000 lost blobs is not 2,000 lines.
        foreach (var problem in metadata.Problems.Take(LoggedProblems))
            WorkerLog.InstanceProblem(logger, ready.SeriesInstanceUid, problem.Instance, problem.Code, problem.Message);

        var stored = new List<FindingsRecord>();
        var failed = new List<string>();
        Exception? firstError = null;
        // One result per analyzer name and version, even if a host registered the same analyzer twice.
        foreach (var analyzer in analyzers.DistinctBy(a => (a.Name, a.Version)))
        {
            if (!analyzer.Accepts(metadata)) continue;
            AnalyzerFindings result;
            var started = Stopwatch.GetTimestamp();
            var outcome = "ok";
            using (var analysis = StartAnalysis(analyzer, ready, metadata.InstanceCount))
            {
                try
                {
                    result = await analyzer.AnalyzeAsync(input, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    outcome = "failed";
                    analysis?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                    // One analyzer's failure must not keep the others' findings from being stored; it is rethrown below.
                    WorkerLog.AnalyzerFailed(logger, ex, ready.SeriesInstanceUid, analyzer.Name, analyzer.Version);
                    failed.Add($"{analyzer.Name} {analyzer.Version}");
                    firstError ??= ex;
                    continue;
                }
                finally
                {
                    WorkerTelemetry.AnalysisDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                        new("imaging.analyzer", analyzer.Name), new("imaging.analyzer.version", analyzer.Version), new("outcome", outcome));
                }
            }

            var record = new FindingsRecord(ready.StudyInstanceUid, ready.SeriesInstanceUid, analyzer.Name, analyzer.Version,
                ready.ReadyVersion, result.PayloadJson, time.GetUtcNow());
            bool saved;
            // Current while the store writes: the findings row keeps this span's traceparent (migration 0008).
            using (var write = WorkerTelemetry.ActivitySource.StartActivity("findings write"))
            {
                write?.SetTag("dicom.series_instance_uid", ready.SeriesInstanceUid).SetTag("imaging.analyzer", analyzer.Name)
                    .SetTag("imaging.analyzer.version", analyzer.Version);
                saved = await findings.SaveFindingsAsync(record, cancellationToken).ConfigureAwait(false);
                write?.SetTag("imaging.findings.duplicate", !saved);
            }
            if (saved)
            {
                WorkerTelemetry.FindingsStored.Add(1, new KeyValuePair<string, object?>("imaging.analyzer", analyzer.Name));
                WorkerLog.FindingsStored(logger, ready.SeriesInstanceUid, analyzer.Name, analyzer.Version, ready.ReadyVersion);
                await onStored(record).ConfigureAwait(false);
                stored.Add(record);
            }
            else
            {
                WorkerLog.FindingsAlreadyStored(logger, ready.SeriesInstanceUid, analyzer.Name, analyzer.Version, ready.ReadyVersion);
                // A redelivery after a crash between saving and publishing must still announce the findings, or nobody
                // downstream ever hears of them: announce again (consumers are idempotent), unless a newer ready version
                // has superseded this one in the meantime.
                var existing = await findings.GetFindingsAsync(ready.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
                var same = existing.FirstOrDefault(f => f.Analyzer == analyzer.Name && f.AnalyzerVersion == analyzer.Version);
                if (same is not null && same.ReadyVersion == ready.ReadyVersion) await onStored(same).ConfigureAwait(false);
            }
        }

        if (firstError is not null) throw new SeriesAnalysisFailedException(ready.SeriesInstanceUid, failed, firstError);
        return stored;
    }

    /// <summary>The analyzer's span: name and version as tags (the duration histogram has them too), the series by UID only.</summary>
    private static Activity? StartAnalysis(ISeriesAnalyzer analyzer, SeriesReady ready, int instances)
    {
        var activity = WorkerTelemetry.ActivitySource.StartActivity("analysis");
        activity?.SetTag("imaging.analyzer", analyzer.Name).SetTag("imaging.analyzer.version", analyzer.Version)
            .SetTag("dicom.series_instance_uid", ready.SeriesInstanceUid).SetTag("imaging.ready_version", ready.ReadyVersion)
            .SetTag("imaging.instances", instances);
        return activity;
    }

    private InstanceFile Locate(InstanceRecord instance) => IndexedInstanceFile.Locate(blobs, instance);
}
