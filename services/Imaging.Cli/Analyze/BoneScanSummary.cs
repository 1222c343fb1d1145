using System.Globalization;
using System.Text;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;

namespace Imaging.Cli.Analyze;

/// <summary>The short human summary of bone-scan findings that <c>imaging analyze</c> prints without <c>--json</c>.</summary>
internal static class BoneScanSummary
{
    public static string Format(BoneScanFindings findings)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"bone-scan {findings.AnalyzerVersion}: series {findings.SeriesInstanceUid} ({findings.SeriesDate?.ToString("yyyy-MM-dd", inv) ?? "no date"})");
        text.AppendLine(inv, $"status: {Name(findings.Status)}{(findings.Tracer is null ? "" : $", tracer {findings.Tracer}")}");
        text.AppendLine(inv, $"counts: anterior {findings.Qc.CountsAnterior?.ToString(inv) ?? "-"}, posterior {findings.Qc.CountsPosterior?.ToString(inv) ?? "-"}");
        if (findings.LesionCount is { } count)
        {
            text.AppendLine(inv, $"lesions: {count}, extent of disease grade {findings.ExtentOfDiseaseGrade?.ToString(inv) ?? "-"}, burden {findings.LesionBurdenPercent?.ToString("0.##", inv) ?? "-"} %");
            var regions = findings.Lesions.GroupBy(l => l.Region).OrderBy(g => g.Key).Select(g => $"{Name(g.Key)} {g.Count()}");
            if (count > 0) text.AppendLine(inv, $"by region: {string.Join(", ", regions)}");
        }
        if (findings.Excluded.Count > 0)
            text.AppendLine(inv, $"excluded: {string.Join(", ", findings.Excluded.GroupBy(e => e.Reason).Select(g => $"{g.Key} {g.Count()}"))}");
        foreach (var warning in findings.Qc.Warnings) text.AppendLine(inv, $"warning: {warning}");
        if (findings.Comparison is { } c)
        {
            text.AppendLine(inv, $"compared with {c.PriorSeriesInstanceUid} ({c.PriorDate?.ToString("yyyy-MM-dd", inv) ?? "no date"}, {c.IntervalDays?.ToString(inv) ?? "?"} days earlier): " +
                $"{c.NewCount} new, {c.PersistentCount} persistent, {c.ResolvedCount} resolved");
            foreach (var row in c.Lesions)
            {
                text.AppendLine(row.Status switch
                {
                    LesionChange.New => FormattableString.Invariant($"  {row.Id} ({Name(row.Region!.Value)}) new at {row.X},{row.Y}, peak {row.PeakRatio:0.##}× normal bone"),
                    LesionChange.Persistent => FormattableString.Invariant($"  {row.Id} ({Name(row.Region!.Value)}) was {row.PriorId}: peak {row.PeakChangePercent:+0.#;-0.#;0} %, area {row.AreaChangePercent:+0.#;-0.#;0} %"),
                    _ => $"  {row.PriorId} ({Name(row.PriorRegion!.Value)}) of the prior scan resolved",
                });
            }
            foreach (var note in c.Notes) text.AppendLine(inv, $"note: {note}");
        }
        return text.ToString();
    }

    private static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value, typeof(T), BoneScanJsonContext.Default).Trim('"');
}
