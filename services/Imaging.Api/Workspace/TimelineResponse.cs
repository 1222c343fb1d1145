using System.Text.Json.Nodes;
using Imaging.Storage;

namespace Imaging.Api.Workspace;

/// <summary>Body of <c>GET /api/patients/{patientId}/timeline</c>: the patient and every study, oldest first.</summary>
public sealed record TimelineResponse(PatientSummary Patient, IReadOnlyList<TimelineStudy> Studies);

/// <summary>One study of the timeline with its series.</summary>
public sealed record TimelineStudy(
    string StudyInstanceUid,
    string? StudyDate,
    string? StudyTime,
    string? StudyDescription,
    string? AccessionNumber,
    IReadOnlyList<string> Modalities,
    IReadOnlyList<TimelineSeries> Series);

/// <summary>One series of a timeline study with the latest findings of each analyzer.</summary>
public sealed record TimelineSeries(
    string SeriesInstanceUid,
    string Modality,
    int? SeriesNumber,
    string? SeriesDescription,
    int InstanceCount,
    string State,
    IReadOnlyList<TimelineFindings> Findings);

/// <summary>One analyzer's findings on a series, summarised: bone-scan lesionCount, extentOfDiseaseGrade, status,
/// newCount, persistentCount, resolvedCount; spine flaggedLevels, labelConfidence, modality; other analyzers nothing.</summary>
public sealed record TimelineFindings(string Analyzer, string AnalyzerVersion, DateTimeOffset ProducedAt, JsonObject Summary);
