using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Seg;
using Imaging.Contracts;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker;

/// <summary>When a CT or MR series becomes ready, the SEG series of its study that arrived before it and are waiting for it:
/// those whose newest spine finding says <c>seg-referenced-series-missing</c> and that name this series (Referenced Series
/// Sequence) or its Frame of Reference. Each gets a <see cref="SeriesReady"/> one ready version above that finding, so the
/// worker analyses it again through its usual path.</summary>
/// <remarks>Idempotent by construction: the replay's version is derived from the stored warning finding, so a redelivered
/// image message yields the same replay (stored once), and once the SEG has real findings it is no longer a candidate. A SEG
/// series never triggers replays, and a SEG whose images are still missing is only looked at again when another image
/// series of its study becomes ready.</remarks>
/// <param name="reopener">The store's reopen (one more ready version and the SeriesReady in the outbox, one transaction); null
/// (a store that cannot reopen) leaves publishing the replays to the caller.</param>
public sealed class SegReplayFinder(IInstanceIndex index, IBlobStore blobs, IFindingsStore findings, ILogger<SegReplayFinder> logger,
    IStudyQueries? queries = null, ISeriesReopener? reopener = null, TimeProvider? time = null)
{
    private static readonly string[] ImageModalities = ["CT", "MR"];

    /// <summary>Sends the SEG series <paramref name="ready"/> unblocks round again. With a reopener each is reopened in the
    /// store, conditional on the ready version of its waiting finding (the series table and the findings then agree, and a
    /// redelivered image message changes nothing), and the result is empty: the outbox relay publishes them. Without one, the
    /// replays are returned for the caller to publish.</summary>
    public async Task<IReadOnlyList<SeriesReady>> ReplayAsync(SeriesReady ready, CancellationToken cancellationToken)
    {
        var replays = await FindAsync(ready, cancellationToken).ConfigureAwait(false);
        if (reopener is null || replays.Count == 0) return replays;
        foreach (var replay in replays)
        {
            var reopened = await reopener.ReopenSeriesAsync(replay.SeriesInstanceUid, replay.ReadyVersion - 1,
                (time ?? TimeProvider.System).GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (reopened is null) WorkerLog.SegNotReopened(logger, replay.SeriesInstanceUid, replay.ReadyVersion - 1);
            else WorkerLog.SegReopened(logger, replay.SeriesInstanceUid, reopened.ReadyVersion);
        }
        return [];
    }

    /// <summary>The replays <paramref name="ready"/> (an image series just analysed) unblocks; empty without study queries.</summary>
    public async Task<IReadOnlyList<SeriesReady>> FindAsync(SeriesReady ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (queries is null) return [];
        var study = await queries.GetStudyAsync(ready.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
        var self = study?.Series.FirstOrDefault(s => s.SeriesInstanceUid == ready.SeriesInstanceUid);
        if (study is null || self is null || !ImageModalities.Contains(self.Modality.Trim(), StringComparer.OrdinalIgnoreCase)) return [];

        string? frameOfReference = null;
        var frameRead = false;
        var replays = new List<SeriesReady>();
        foreach (var series in study.Series)
        {
            if (!string.Equals(series.Modality.Trim(), "SEG", StringComparison.OrdinalIgnoreCase)) continue;
            var waiting = await WaitingFindingAsync(series.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
            if (waiting is null) continue;

            var segInstances = await index.GetSeriesInstancesAsync(series.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
            if (segInstances.Count == 0) continue;
            var reference = await SegReference.ReadAsync(segInstances.Select(i => IndexedInstanceFile.Locate(blobs, i)), cancellationToken).ConfigureAwait(false);
            var named = reference.ReferencedSeriesInstanceUids.Contains(ready.SeriesInstanceUid, StringComparer.Ordinal);
            if (!named && reference.FrameOfReferenceUid is { Length: > 0 } segFrame)
            {
                if (!frameRead)
                {
                    var images = await index.GetSeriesInstancesAsync(ready.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
                    frameOfReference = StoreReferencedSeriesSource.FrameOfReferenceOf(blobs, images);
                    frameRead = true;
                }
                named = frameOfReference == segFrame;
            }
            if (!named) continue;

            WorkerLog.SegReplay(logger, series.SeriesInstanceUid, ready.SeriesInstanceUid, waiting.ReadyVersion + 1);
            replays.Add(new SeriesReady(ready.StudyInstanceUid, series.SeriesInstanceUid, waiting.ReadyVersion + 1, segInstances.Count, ready.ReadyAt));
        }
        return replays;
    }

    /// <summary>The SEG's newest spine finding when it is the "images not stored yet" warning, else null.</summary>
    private async Task<FindingsRecord?> WaitingFindingAsync(string segSeriesUid, CancellationToken cancellationToken)
    {
        var records = await findings.GetFindingsAsync(segSeriesUid, cancellationToken).ConfigureAwait(false);
        var newest = records.Where(r => r.Analyzer == SpineAnalyzer.AnalyzerName)
            .OrderByDescending(r => r.ProducedAt).ThenByDescending(r => r.ReadyVersion).FirstOrDefault();
        return newest is not null && HasWarning(newest.Payload, SpineWarningCodes.SegReferencedSeriesMissing) ? newest : null;
    }

    private static bool HasWarning(string payload, string code)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
                && warnings.EnumerateArray().Any(w => w.ValueKind == JsonValueKind.Object
                    && w.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == code);
        }
        catch (JsonException)
        {
            // A payload this worker cannot read is no SEG waiting for its images.
            return false;
        }
    }
}
