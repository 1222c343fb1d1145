using Imaging.Storage;

namespace Imaging.Api.Tests.DicomWeb.Qido;

/// <summary>Four studies of three patients, recorded through the store's ingest path.</summary>
internal static class QidoTestData
{
    public const string StudyA = "1.2.826.0.1.3680043.10.7.1";
    public const string StudyB = "1.2.826.0.1.3680043.10.7.2";
    public const string StudyC = "1.2.826.0.1.3680043.10.7.3";
    public const string StudyD = "1.2.826.0.1.3680043.10.7.4";
    public const string SeriesA1 = StudyA + ".1";
    public const string SeriesA2 = StudyA + ".2";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static async Task SeedAsync(IImagingStore store)
    {
        // A: Doe^Jane 2024-03-01, NM (3 instances) + CT (2).  B: DOE^JOHN 2023-06-15, CT.  C: Smith^Anna 2022-01-10, MR.
        // D: a Japanese name with its ideographic group, no date.
        await RecordAsync(store, StudyA, "PA", "Doe^Jane", "20240301", "ACC-A", "NM", 1, 3);
        await RecordAsync(store, StudyA, "PA", "Doe^Jane", "20240301", "ACC-A", "CT", 2, 2);
        await RecordAsync(store, StudyB, "PB", "DOE^JOHN", "20230615", "ACC-B", "CT", 1, 1);
        await RecordAsync(store, StudyC, "PC", "Smith^Anna", "20220110", "ACC-C", "MR", 1, 1);
        await RecordAsync(store, StudyD, "PD", "Yamada^Tarou=山田^太郎", null, "ACC-D", "NM", 1, 1);
    }

    private static async Task RecordAsync(IImagingStore store, string study, string patientId, string name, string? date, string accession,
        string modality, int seriesNumber, int count)
    {
        var series = $"{study}.{seriesNumber}";
        for (var i = 1; i <= count; i++)
        {
            await store.RecordInstanceAsync(new InstanceRecord
            {
                PatientId = patientId,
                PatientName = name,
                PatientBirthDate = "19600101",
                PatientSex = "F",
                StudyInstanceUid = study,
                StudyDate = date,
                StudyTime = "080000",
                StudyDescription = "Bone scan",
                AccessionNumber = accession,
                StudyId = "1",
                SeriesInstanceUid = series,
                Modality = modality,
                SeriesNumber = seriesNumber,
                SeriesDescription = $"{modality} series",
                BodyPartExamined = "SPINE",
                SopInstanceUid = $"{series}.{i}",
                SopClassUid = CtImageStorage,
                InstanceNumber = i,
                TransferSyntaxUid = "1.2.840.10008.1.2.1",
                BlobKey = new string('a', 32) + "/" + new string('b', 32) + "/" + new string('c', 32) + ".dcm",
                SizeBytes = 1000,
                CallingAeTitle = "MODALITY",
                ReceivedAt = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero),
            }, TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }
}
