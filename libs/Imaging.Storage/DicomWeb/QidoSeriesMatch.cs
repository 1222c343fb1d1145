namespace Imaging.Storage.DicomWeb;

/// <summary>A series found by a series-level search, with its study (and patient) and its instance count.</summary>
public sealed record QidoSeriesMatch(QidoStudyAttributes Study, QidoSeriesAttributes Series, int InstanceCount);
