namespace Imaging.Storage.DicomWeb;

/// <summary>An instance found by an instance-level search, with its series and study (and patient).</summary>
public sealed record QidoInstanceMatch(
    QidoStudyAttributes Study,
    QidoSeriesAttributes Series,
    string SopInstanceUid,
    string SopClassUid,
    int? InstanceNumber,
    string TransferSyntaxUid);
