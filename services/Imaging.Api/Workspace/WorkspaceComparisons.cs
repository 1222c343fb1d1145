using System.Globalization;
using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Spine;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Workspace;

/// <summary>Answers <c>GET /api/patients/{patientId}/comparison</c>: picks the two timepoints (named, or the two most
/// recent with findings of one analyzer), reads both findings documents with the analyzers' own JSON contexts and
/// shapes the bone-scan and spine parts.</summary>
internal sealed partial class WorkspaceComparisons(IPatientQueries queries, IFindingsStore findings, BoneScanViewLocator views,
    ILogger<WorkspaceComparisons> logger)
{
    /// <summary>Spine key images are secondary captures with this Series Description (Imaging.Reporting's SpineKeyImage).</summary>
    public const string SpineKeyImageSeriesDescription = "Spine key image";

    /// <summary>Most key images listed: a few per analysis run.</summary>
    private const int MaximumKeyImages = 20;

    public async Task<IResult> CompareAsync(string patientId, string? baselineUid, string? followupUid, CancellationToken cancellationToken)
    {
        var studies = await queries.GetPatientStudiesAsync(patientId, cancellationToken).ConfigureAwait(false);
        if (studies.Count == 0) return WorkspaceProblems.PatientNotFound(patientId);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < studies.Count; i++) position[studies[i].StudyInstanceUid] = i;
        if (baselineUid is not null && !position.ContainsKey(baselineUid)) return WorkspaceProblems.StudyNotFound("baseline", baselineUid, patientId);
        if (followupUid is not null && !position.ContainsKey(followupUid)) return WorkspaceProblems.StudyNotFound("followup", followupUid, patientId);
        if (baselineUid is not null && followupUid is not null && !IsEarlier(studies[position[baselineUid]], studies[position[followupUid]], position))
            return ApiProblems.InvalidParameter("baseline", $"study {baselineUid} is not earlier than the follow-up study {followupUid}.");

        var bonePair = Pair(studies, position, BoneScanAnalyzer.AnalyzerName, baselineUid, followupUid);
        var spinePair = Pair(studies, position, SpineAnalyzer.AnalyzerName, baselineUid, followupUid);
        (PatientStudy Baseline, PatientStudy Followup)? top = baselineUid is not null && followupUid is not null
            ? (studies[position[baselineUid]], studies[position[followupUid]])
            : bonePair ?? spinePair;
        if (top is not { } chosen)
            return WorkspaceProblems.NothingToCompare(patientId, "no two studies have findings of the same analyzer (bone-scan or spine) to compare.");

        var boneScan = bonePair is { } bp ? await BoneScanAsync(bp.Baseline, bp.Followup, cancellationToken).ConfigureAwait(false) : null;
        var spine = spinePair is { } sp ? await SpineAsync(patientId, sp.Baseline, sp.Followup, cancellationToken).ConfigureAwait(false) : null;
        return TypedResults.Json(new ComparisonResponse(patientId, Compared(chosen.Baseline), Compared(chosen.Followup),
            IntervalDays(chosen.Baseline.StudyDate, chosen.Followup.StudyDate), boneScan, spine), WorkspaceJsonContext.Default.ComparisonResponse);
    }

    /// <summary>By Study Date and Time; equal ones (or a study with itself) are not earlier. Undated studies fall back to
    /// the timeline order.</summary>
    private static bool IsEarlier(PatientStudy baseline, PatientStudy followup, Dictionary<string, int> position)
    {
        if (baseline.StudyInstanceUid == followup.StudyInstanceUid) return false;
        if (baseline.StudyDate is not null && followup.StudyDate is not null)
        {
            var a = baseline.StudyDate + (baseline.StudyTime ?? "");
            var b = followup.StudyDate + (followup.StudyTime ?? "");
            return string.CompareOrdinal(a, b) < 0;
        }
        return position[baseline.StudyInstanceUid] < position[followup.StudyInstanceUid];
    }

    /// <summary>The two timepoints for one analyzer: the named ones when both have its findings; with one named, the
    /// nearest-to-now other side that has them; with none named, the two most recent that have them.</summary>
    private static (PatientStudy Baseline, PatientStudy Followup)? Pair(IReadOnlyList<PatientStudy> studies, Dictionary<string, int> position,
        string analyzer, string? baselineUid, string? followupUid)
    {
        bool Has(PatientStudy s) => s.Series.Any(se => se.Findings.Any(f => f.Analyzer == analyzer));
        if (baselineUid is not null && followupUid is not null)
        {
            var b = studies[position[baselineUid]];
            var f = studies[position[followupUid]];
            return Has(b) && Has(f) ? (b, f) : null;
        }
        if (baselineUid is not null)
        {
            var b = studies[position[baselineUid]];
            var later = studies.Skip(position[baselineUid] + 1).LastOrDefault(s => Has(s) && IsEarlier(b, s, position));
            return Has(b) && later is not null ? (b, later) : null;
        }
        if (followupUid is not null)
        {
            var f = studies[position[followupUid]];
            var earlier = studies.Take(position[followupUid]).LastOrDefault(s => Has(s) && IsEarlier(s, f, position));
            return Has(f) && earlier is not null ? (earlier, f) : null;
        }
        var with = studies.Where(Has).ToList();
        return with.Count >= 2 && IsEarlier(with[^2], with[^1], position) ? (with[^2], with[^1]) : null;
    }

    private async Task<BoneScanComparisonView?> BoneScanAsync(PatientStudy baseline, PatientStudy followup, CancellationToken cancellationToken)
    {
        var before = await ReadAsync(baseline, BoneScanAnalyzer.AnalyzerName, BoneScanJsonContext.Default.BoneScanFindings, cancellationToken).ConfigureAwait(false);
        var after = await ReadAsync(followup, BoneScanAnalyzer.AnalyzerName, BoneScanJsonContext.Default.BoneScanFindings, cancellationToken).ConfigureAwait(false);
        if (before is null || after is null) return null;
        var beforeViews = await views.LocateAsync(before.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        var afterViews = await views.LocateAsync(after.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        try
        {
            return BoneScanComparisonBuilder.Build(before, after, beforeViews, afterViews);
        }
        catch (ArgumentException ex)
        {
            NotCompared(logger, BoneScanAnalyzer.AnalyzerName, baseline.StudyInstanceUid, followup.StudyInstanceUid, ex.Message);
            return null;
        }
    }

    private async Task<SpineComparisonView?> SpineAsync(string patientId, PatientStudy baseline, PatientStudy followup, CancellationToken cancellationToken)
    {
        var before = await ReadAsync(baseline, SpineAnalyzer.AnalyzerName, SpineJsonContext.Default.SpineFindings, cancellationToken).ConfigureAwait(false);
        var after = await ReadAsync(followup, SpineAnalyzer.AnalyzerName, SpineJsonContext.Default.SpineFindings, cancellationToken).ConfigureAwait(false);
        if (before is null || after is null) return null;
        var keyImages = await queries.FindInstancesBySeriesDescriptionAsync(patientId, [baseline.StudyInstanceUid, followup.StudyInstanceUid],
            SpineKeyImageSeriesDescription, MaximumKeyImages, cancellationToken).ConfigureAwait(false);
        try
        {
            return SpineComparisonBuilder.Build(before, after,
                [.. keyImages.Select(k => new KeyImage(k.StudyInstanceUid, k.SeriesInstanceUid, k.SopInstanceUid))]);
        }
        catch (ArgumentException ex)
        {
            NotCompared(logger, SpineAnalyzer.AnalyzerName, baseline.StudyInstanceUid, followup.StudyInstanceUid, ex.Message);
            return null;
        }
    }

    /// <summary>The study's newest findings document of <paramref name="analyzer"/>, or null when it cannot be read.</summary>
    private async Task<StoredDocument<T>?> ReadAsync<T>(PatientStudy study, string analyzer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken) where T : class
    {
        var series = study.Series
            .SelectMany(s => s.Findings.Where(f => f.Analyzer == analyzer).Select(f => (Series: s, f.ProducedAt)))
            .OrderByDescending(x => x.ProducedAt).Select(x => x.Series).FirstOrDefault();
        if (series is null) return null;
        var records = await findings.GetFindingsAsync(series.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        var record = records.Where(r => r.Analyzer == analyzer)
            .OrderByDescending(r => r.ProducedAt).ThenByDescending(r => r.AnalyzerVersion, StringComparer.Ordinal).FirstOrDefault();
        if (record is null) return null;
        try
        {
            return JsonSerializer.Deserialize(record.Payload, type) is { } document
                ? new StoredDocument<T>(study.StudyInstanceUid, series.SeriesInstanceUid, document)
                : null;
        }
        catch (JsonException ex)
        {
            // A document of an older, incompatible schema: that part of the comparison is left out, the rest still shows.
            Unreadable(logger, analyzer, series.SeriesInstanceUid, record.AnalyzerVersion, ex.Message);
            return null;
        }
    }

    private static ComparedStudy Compared(PatientStudy study) => new(study.StudyInstanceUid, study.StudyDate, study.StudyDescription);

    private static int? IntervalDays(string? from, string? to) =>
        TryParseDa(from, out var a) && TryParseDa(to, out var b) ? b.DayNumber - a.DayNumber : null;

    public static bool TryParseDa(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The {Analyzer} findings of series {SeriesInstanceUid} (version {AnalyzerVersion}) cannot be read for a comparison: {Reason}")]
    private static partial void Unreadable(ILogger logger, string analyzer, string seriesInstanceUid, string analyzerVersion, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The {Analyzer} findings of studies {Baseline} and {Followup} cannot be compared: {Reason}")]
    private static partial void NotCompared(ILogger logger, string analyzer, string baseline, string followup, string reason);
}
