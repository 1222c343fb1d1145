namespace Imaging.Storage.DicomWeb;

/// <summary>The indexed attributes of one series.</summary>
public sealed record QidoSeriesAttributes(
    string SeriesInstanceUid,
    string Modality,
    int? SeriesNumber,
    string? SeriesDescription,
    string? BodyPartExamined);
