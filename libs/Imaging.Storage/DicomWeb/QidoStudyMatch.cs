namespace Imaging.Storage.DicomWeb;

/// <summary>A study found by a study-level search, with the modalities of its series and its series/instance counts.</summary>
public sealed record QidoStudyMatch(QidoStudyAttributes Study, IReadOnlyList<string> ModalitiesInStudy, int SeriesCount, int InstanceCount);
