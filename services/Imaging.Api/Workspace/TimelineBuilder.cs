using System.Text.Json.Nodes;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Spine;
using Imaging.Storage;

namespace Imaging.Api.Workspace;

/// <summary>Shapes a patient's studies as the timeline body: modalities per study and a per-analyzer findings summary.</summary>
internal static class TimelineBuilder
{
    public static TimelineResponse Build(PatientSummary patient, IReadOnlyList<PatientStudy> studies) => new(patient,
        [.. studies.Select(study => new TimelineStudy(study.StudyInstanceUid, study.StudyDate, study.StudyTime, study.StudyDescription,
            study.AccessionNumber, [.. study.Series.Select(s => s.Modality).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. study.Series.Select(series => new TimelineSeries(series.SeriesInstanceUid, series.Modality, series.SeriesNumber,
                series.SeriesDescription, series.InstanceCount, series.State,
                [.. series.Findings.Select(f => new TimelineFindings(f.Analyzer, f.AnalyzerVersion, f.ProducedAt, Summary(f)))]))]))]);

    /// <summary>The contract's summary of one analyzer's findings; the comparison counts are null without a comparison.</summary>
    public static JsonObject Summary(FindingsSummary findings) => findings.Analyzer switch
    {
        BoneScanAnalyzer.AnalyzerName => new JsonObject
        {
            ["lesionCount"] = findings.LesionCount,
            ["extentOfDiseaseGrade"] = findings.ExtentOfDiseaseGrade,
            ["status"] = findings.Status,
            ["newCount"] = findings.NewCount,
            ["persistentCount"] = findings.PersistentCount,
            ["resolvedCount"] = findings.ResolvedCount,
        },
        SpineAnalyzer.AnalyzerName => new JsonObject
        {
            ["flaggedLevels"] = new JsonArray([.. (findings.FlaggedLevels ?? []).Select(l => (JsonNode?)JsonValue.Create(l))]),
            ["labelConfidence"] = findings.LabelConfidence,
            ["modality"] = findings.Modality,
        },
        _ => [],
    };
}
