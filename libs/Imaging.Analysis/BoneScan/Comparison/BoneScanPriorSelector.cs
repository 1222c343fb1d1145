using System.Globalization;
using System.Text.Json;

namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Chooses, from a patient's history, the prior bone scan to compare with (the most recent earlier one whose
/// lesions were counted, never the same study) and the therapy to note (explicit, else the latest not-counted
/// therapy-tracer scan between the prior and the current one).</summary>
public static class BoneScanPriorSelector
{
    /// <summary>The prior findings and therapy for a scan of <paramref name="currentStudyUid"/> on <paramref name="currentDate"/>;
    /// Prior is null when there is no usable earlier scan (payloads that do not parse are skipped).</summary>
    public static (BoneScanFindings? Prior, TherapyEvent? Therapy) Select(PatientHistory history, string? currentStudyUid, DateOnly? currentDate,
        BoneScanComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var maximumLesions = (options ?? BoneScanComparisonOptions.Default).MaximumLesions;
        var parsed = new List<(PriorFindings Source, BoneScanFindings Findings, DateOnly Date)>();
        foreach (var entry in history.Findings)
        {
            if (entry.Analyzer != BoneScanAnalyzer.AnalyzerName) continue;
            if (currentStudyUid is not null && entry.StudyInstanceUid == currentStudyUid) continue;
            var findings = TryParse(entry.PayloadJson);
            if (findings is null || findings.Lesions.Count > maximumLesions) continue;
            // Without dates nothing says which scan is earlier; the findings' own date is the series', the index's the study's.
            var date = findings.SeriesDate ?? entry.StudyDate;
            if (date is null || (currentDate is { } now && date > now)) continue;
            parsed.Add((entry, findings, date.Value));
        }

        var prior = parsed
            .Where(p => p.Findings.Status is TracerStatus.Analysed or TracerStatus.UnknownTracer)
            .OrderByDescending(p => p.Date)
            .ThenByDescending(p => p.Source.StudyInstanceUid, StringComparer.Ordinal)
            .ThenByDescending(p => p.Source.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(p => (((PriorFindings, BoneScanFindings, DateOnly)?)p))
            .FirstOrDefault();
        if (history.TherapyDate is { } explicitDate) return (prior?.Item2, new TherapyEvent(explicitDate, TherapyEvent.Explicit));

        var after = prior?.Item3;
        var therapyScan = parsed
            .Where(p => p.Findings.Status == TracerStatus.NotCounted && (after is null || p.Date > after))
            .OrderByDescending(p => p.Date)
            .Select(p => (((PriorFindings, BoneScanFindings, DateOnly)?)p))
            .FirstOrDefault();
        TherapyEvent? therapy = null;
        if (therapyScan is { } t)
        {
            // A post-therapy scan is taken days after the injection: its date is the best record of the therapy there is.
            var evidence = $"{t.Item2.Tracer ?? "therapy-tracer"} scan of {t.Item3.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (series {t.Item1.SeriesInstanceUid})";
            therapy = new TherapyEvent(t.Item3, TherapyEvent.Inferred, evidence);
        }
        return (prior?.Item2, therapy);
    }

    /// <summary>Whether a deserialised document has what the comparison dereferences: JSON may say null where the type
    /// says never, and an enum may arrive as any number.</summary>
    private static bool IsWellFormed(BoneScanFindings findings)
    {
        // The serializer does not enforce nullable annotations: check what JSON could have set to null.
        if (findings.Qc is null || findings.Lesions is null || findings.Excluded is null || findings.Qc.Warnings is null) return false;
        if (!Enum.IsDefined(findings.Status)) return false;
        foreach (var lesion in findings.Lesions)
        {
            if (lesion is null || lesion.Id is null || lesion.Views is null || !Enum.IsDefined(lesion.Region)) return false;
            if (!double.IsFinite(lesion.PeakRatio) || !double.IsFinite(lesion.AreaMm2)) return false;
        }
        return findings.Comparison is null || (findings.Comparison.Progression is not null && findings.Comparison.Lesions is not null);
    }

    /// <summary>Findings from stored JSON, or null when the payload is not a bone-scan findings document.</summary>
    public static BoneScanFindings? TryParse(string json)
    {
        try
        {
            var findings = JsonSerializer.Deserialize(json, BoneScanJsonContext.Default.BoneScanFindings);
            return findings is not null && IsWellFormed(findings) ? findings : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
