using System.Text.Json;

namespace Imaging.Analysis.Spine.Comparison;

/// <summary>Chooses, from a patient's history, the prior spine findings to compare with: the most recent earlier document
/// with measured levels, of the same modality when there is one, never of the same study.</summary>
public static class SpinePriorSelector
{
    /// <summary>The prior for a series of <paramref name="currentStudyUid"/> on <paramref name="currentDate"/> (null when there is
    /// no usable earlier one) and notes on what was passed over (payloads that do not parse).</summary>
    public static (SpineFindings? Prior, IReadOnlyList<string> Notes) Select(PatientHistory history, string? currentStudyUid, DateOnly? currentDate,
        string? currentModality, SpineComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= SpineComparisonOptions.Default;
        var notes = new List<string>();
        var candidates = new List<(PriorFindings Source, SpineFindings Findings, DateOnly Date)>();
        foreach (var entry in history.Findings)
        {
            if (entry is null || entry.Analyzer != SpineAnalyzer.AnalyzerName) continue;
            if (currentStudyUid is not null && entry.StudyInstanceUid == currentStudyUid) continue;
            var findings = TryParse(entry.PayloadJson, options);
            if (findings is null)
            {
                notes.Add($"Prior spine findings of series {entry.SeriesInstanceUid} could not be read and were not compared.");
                continue;
            }
            if (findings.Vertebrae.Count == 0) continue;
            // Without a date nothing says which study is earlier; the findings' own date is the series', the index's the study's.
            var date = findings.SeriesDate ?? entry.StudyDate;
            if (date is null || (currentDate is { } now && date > now)) continue;
            candidates.Add((entry, findings with { SeriesDate = date }, date.Value));
        }

        var chosen = candidates
            .OrderByDescending(c => string.Equals(c.Findings.Modality?.Trim(), currentModality?.Trim(), StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(c => c.Date)
            .ThenByDescending(c => c.Source.StudyInstanceUid, StringComparer.Ordinal)
            .ThenByDescending(c => c.Source.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(c => c.Findings)
            .FirstOrDefault();
        return (chosen, notes);
    }

    /// <summary>Findings from stored JSON, or null when the payload is not a well-formed spine findings document.</summary>
    public static SpineFindings? TryParse(string? json, SpineComparisonOptions? options = null)
    {
        if (string.IsNullOrEmpty(json)) return null;
        options ??= SpineComparisonOptions.Default;
        try
        {
            var findings = JsonSerializer.Deserialize(json, SpineJsonContext.Default.SpineFindings);
            return findings is not null && IsWellFormed(findings, options) ? findings : null;
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

    /// <summary>Whether a deserialised document has what the comparison dereferences: the serializer does not enforce
    /// nullable annotations, and numbers may be anything.</summary>
    private static bool IsWellFormed(SpineFindings findings, SpineComparisonOptions options)
    {
        if (findings.Analyzer != SpineAnalyzer.AnalyzerName || findings.Vertebrae is null || findings.Warnings is null || findings.FlaggedLevels is null) return false;
        if (findings.Vertebrae.Count > options.MaximumLevels) return false;
        foreach (var v in findings.Vertebrae)
        {
            if (v is null || string.IsNullOrEmpty(v.Level) || v.Level.Length > 16 || v.FractureType is null) return false;
            if (!double.IsFinite(v.AnteriorHeightMm) || !double.IsFinite(v.MiddleHeightMm) || !double.IsFinite(v.PosteriorHeightMm)) return false;
            if (v.GenantGrade is < 0 or > 3) return false;
        }
        return true;
    }
}
