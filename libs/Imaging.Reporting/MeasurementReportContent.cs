namespace Imaging.Reporting;

/// <summary>What a TID 1500 measurement report says: who measured, on which images, the lesions and the summary counts.</summary>
public sealed record MeasurementReportContent
{
    public required ObserverIdentification Observer { get; init; }

    /// <summary>Procedure reported (TID 1500 row 4); the source study's Procedure Code Sequence is not consulted.</summary>
    public required CodedConcept Procedure { get; init; }

    /// <summary>Every analysed instance; all must belong to the study of the source dataset.</summary>
    public required IReadOnlyList<SourceImage> SourceImages { get; init; }

    public IReadOnlyList<LesionMeasurementGroup> Lesions { get; init; } = [];

    /// <summary>Study-level counts (e.g. lesions per region with unit {lesions}), written as one TID 1501 group.</summary>
    public IReadOnlyList<Measurement> Summary { get; init; } = [];

    /// <summary>Tracking identifier and UID of the summary group; the UID should persist across a patient's timepoints.</summary>
    public string SummaryTrackingIdentifier { get; init; } = "Lesion counts";

    public string? SummaryTrackingUid { get; init; }

    /// <summary>Finding of the summary group (what was counted); lesions unless the caller says otherwise.</summary>
    public CodedConcept SummaryFinding { get; init; } = ReportCodes.Lesion;

    public IReadOnlyList<QualitativeEvaluation> QualitativeEvaluations { get; init; } = [];

    /// <summary>Series Description of the new SR series.</summary>
    public string SeriesDescription { get; init; } = "Measurement report";

    public int SeriesNumber { get; init; } = 9001;

    /// <summary>SOP Instance UID of the report; null: a new random one. Give a deterministic one (<see
    /// cref="DicomUidFactory.FromName"/>) so a rebuilt report replaces, not duplicates, the one sent before.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Series Instance UID of the new SR series; null: a new random one.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>When the observations were made; also Content Date/Time. Default: when the report is built.</summary>
    public DateTimeOffset? ObservationTime { get; init; }
}
