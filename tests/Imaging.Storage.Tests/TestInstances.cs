using Imaging.Storage;

namespace Imaging.Storage.Tests;

/// <summary>Index records for tests: a CT instance with plausible tags, every field overridable with <c>with</c>.</summary>
internal static class TestInstances
{
    /// <summary>A fixed, millisecond-aligned instant: both stores keep microseconds, so it round-trips exactly.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    public static InstanceRecord Create(string study, string series, string sop, DateTimeOffset? receivedAt = null, string patientId = "PAT1",
        string modality = "CT", string? studyDate = "20260105", int? instanceNumber = null) => new()
    {
        PatientId = patientId,
        PatientName = "DOE^JANE",
        PatientBirthDate = "19600101",
        PatientSex = "F",
        StudyInstanceUid = study,
        StudyDate = studyDate,
        StudyTime = "080000",
        StudyDescription = "Bone scan",
        AccessionNumber = "ACC1",
        StudyId = "1",
        SeriesInstanceUid = series,
        Modality = modality,
        SeriesNumber = 1,
        SeriesDescription = "Axial",
        BodyPartExamined = "SPINE",
        SopInstanceUid = sop,
        SopClassUid = "1.2.840.10008.5.1.4.1.1.2",
        InstanceNumber = instanceNumber,
        TransferSyntaxUid = "1.2.840.10008.1.2.1",
        BlobKey = new string('a', 32) + "/" + new string('b', 32) + "/" + new string('c', 32) + ".dcm",
        SizeBytes = 525_000,
        CallingAeTitle = "MODALITY",
        ReceivedAt = receivedAt ?? T0,
    };

    /// <summary>Records <paramref name="count"/> instances of one series, numbered from 1, all received at <paramref name="receivedAt"/>.</summary>
    public static async Task RecordSeriesAsync(IImagingStore store, string study, string series, int count, DateTimeOffset receivedAt,
        string patientId = "PAT1", string modality = "CT", string? studyDate = "20260105")
    {
        for (var i = 1; i <= count; i++)
        {
            await store.RecordInstanceAsync(Create(study, series, $"{series}.{i}", receivedAt, patientId, modality, studyDate, i), Quiet,
                CancellationToken.None);
        }
    }
}
