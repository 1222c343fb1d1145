using Imaging.Storage.DicomWeb;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>One result of any level, flattened for the JSON writer; parts a level does not have are null.</summary>
internal readonly record struct QidoRow(
    QidoStudyAttributes Study,
    QidoStudyMatch? StudyMatch,
    QidoSeriesAttributes? Series,
    int? SeriesInstanceCount,
    QidoInstanceMatch? Instance,
    string RetrieveUrl);
