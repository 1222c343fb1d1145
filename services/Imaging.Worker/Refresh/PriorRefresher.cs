using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Contracts;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Refresh;

/// <summary>When findings of a series are kept, finds the same patient's LATER series (same analyzer) whose comparison should
/// now use them as the prior but does not (none, or an older prior), and reopens each (one ready version more, its
/// SeriesReady through the outbox), so it is analysed again with the newest prior. Typical case: the follow-up arrives first,
/// then its baseline is retrieved from the PACS.</summary>
/// <remarks>No loops: a series is only reopened when the prior selection, run over the patient's findings as they are now,
/// chooses the new findings and its stored comparison names another study; after its re-analysis it names them. Later
/// studies only: a re-analysed series can only make still later ones stale. Redelivery: the reopen is conditional on the
/// ready version its findings were made at, so a second request for the same staleness changes nothing.</remarks>
/// <param name="queries">Null (a host without study queries): nothing is ever refreshed.</param>
/// <param name="reopener">Null (a store that cannot reopen): nothing is ever refreshed.</param>
public sealed class PriorRefresher(IStudyQueries? queries, IFindingsStore findings, IPriorFindingsSource priors, ISeriesReopener? reopener,
    TimeProvider time, ILogger<PriorRefresher> logger)
{
    /// <summary>Analyzers whose findings are compared with a prior.</summary>
    public static readonly IReadOnlyList<string> ComparingAnalyzers = [BoneScanAnalyzer.AnalyzerName, SpineAnalyzer.AnalyzerName];

    /// <summary>The series reopened because of <paramref name="produced"/> (empty when none is stale).</summary>
    public async Task<IReadOnlyList<SeriesReady>> RefreshAsync(FindingsProduced produced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produced);
        if (queries is null || reopener is null || !ComparingAnalyzers.Contains(produced.Analyzer, StringComparer.Ordinal)) return [];
        var records = await findings.GetFindingsAsync(produced.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        var record = records.Where(r => r.Analyzer == produced.Analyzer).OrderByDescending(r => r.ProducedAt).FirstOrDefault();
        if (record is null) return [];
        var newStudyUid = PriorStudyUid(record.Analyzer, record.Payload, self: true);
        if (newStudyUid is null) return [];

        var study = await queries.GetStudyAsync(record.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
        var studyDate = PriorQueryDates.Parse(study?.Study.StudyDate);
        var history = await priors.GetHistoryAsync(new PriorFindingsRequest(record.Analyzer, record.StudyInstanceUid, record.SeriesInstanceUid, studyDate),
            cancellationToken).ConfigureAwait(false);
        var all = new List<PriorFindings>(history.Findings)
        {
            new(record.StudyInstanceUid, record.SeriesInstanceUid, studyDate, record.Analyzer, record.AnalyzerVersion, record.Payload),
        };
        var patientHistory = new PatientHistory(all);

        var reopened = new List<SeriesReady>();
        foreach (var later in history.Findings)
        {
            if (later.Analyzer != record.Analyzer || later.StudyInstanceUid == record.StudyInstanceUid) continue;
            var chosen = ChosenPriorStudyUid(record.Analyzer, patientHistory, later);
            if (chosen != newStudyUid) continue;
            var used = PriorStudyUid(later.Analyzer, later.PayloadJson, self: false);
            if (used == newStudyUid) continue;

            var laterRecord = (await findings.GetFindingsAsync(later.SeriesInstanceUid, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Analyzer == later.Analyzer).OrderByDescending(r => r.ProducedAt).FirstOrDefault();
            if (laterRecord is null) continue;
            var ready = await reopener.ReopenSeriesAsync(later.SeriesInstanceUid, laterRecord.ReadyVersion, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (ready is null)
            {
                RefreshLog.NotReopened(logger, later.SeriesInstanceUid, laterRecord.ReadyVersion);
                continue;
            }
            RefreshLog.Reopened(logger, later.SeriesInstanceUid, ready.ReadyVersion, record.SeriesInstanceUid, used ?? "none");
            RefreshMetrics.Reopened.Add(1, new KeyValuePair<string, object?>("analyzer", record.Analyzer));
            reopened.Add(ready);
        }
        return reopened;
    }

    /// <summary>The study the analyzer's prior selection would choose for <paramref name="current"/> from <paramref name="history"/>.</summary>
    private static string? ChosenPriorStudyUid(string analyzer, PatientHistory history, PriorFindings current)
    {
        if (analyzer == BoneScanAnalyzer.AnalyzerName)
        {
            var document = BoneScanPriorSelector.TryParse(current.PayloadJson);
            if (document is null) return null;
            return BoneScanPriorSelector.Select(history, document.StudyInstanceUid, document.SeriesDate).Prior?.StudyInstanceUid;
        }
        var spine = SpinePriorSelector.TryParse(current.PayloadJson);
        if (spine is null) return null;
        return SpinePriorSelector.Select(history, spine.StudyInstanceUid, spine.SeriesDate, spine.Modality).Prior?.StudyInstanceUid;
    }

    /// <summary>With <paramref name="self"/>: the document's own study UID (null when it does not parse); otherwise the study
    /// its comparison used (null when it has none).</summary>
    private static string? PriorStudyUid(string analyzer, string payload, bool self)
    {
        if (analyzer == BoneScanAnalyzer.AnalyzerName)
        {
            var document = BoneScanPriorSelector.TryParse(payload);
            return self ? document?.StudyInstanceUid : document?.Comparison?.PriorStudyInstanceUid;
        }
        var spine = SpinePriorSelector.TryParse(payload);
        return self ? spine?.StudyInstanceUid : spine?.Comparison?.PriorStudyInstanceUid;
    }
}
