using System.Globalization;
using Imaging.Storage;

namespace Imaging.DicomWeb.Benchmarks;

/// <summary>Fills an empty index with a deterministic population of studies through the store's own ingest path
/// (<see cref="IImagingStore.RecordInstanceAsync"/>), many callers at once as concurrent associations would.</summary>
public static class Seeder
{
    private const string Root = "1.2.826.0.1.3680043.10.4242";

    private static readonly string[] Surnames =
    [
        "SMITH", "JONES", "MULLER", "MARTIN", "BERNARD", "ROSSI", "GARCIA", "DUBOIS", "NOVAK", "JOHANSSON", "SMIRNOV", "KOWALSKI",
        "PETIT", "WEBER", "SCHMIDT", "ANDERSEN", "NIELSEN", "FISCHER", "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEROY", "ROUX",
    ];

    private static readonly string[] GivenNames =
        ["JOHN", "JANE", "ANNA", "PETER", "MARIE", "JOSEF", "LUCIA", "PAUL", "EVA", "MARC", "SARA", "TOM", "JOHANNA", "LEO"];

    public static async Task<SeedInfo> SeedAsync(IImagingStore store, int studies, int callers, CancellationToken cancellationToken)
    {
        var random = new Random(4242);
        var records = new List<InstanceRecord>(studies * 3);
        var patients = Math.Max(1, studies * 3 / 5);
        var seriesCount = 0;
        for (var s = 0; s < studies; s++)
        {
            var patient = random.Next(patients);
            var name = $"{Surnames[patient % Surnames.Length]}^{GivenNames[patient / Surnames.Length % GivenNames.Length]}";
            var study = $"{Root}.1.{s + 1}";
            var date = new DateOnly(2010, 1, 1).AddDays(random.Next(16 * 365)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var time = $"{random.Next(7, 19):00}{random.Next(60):00}{random.Next(60):00}";
            var series = 1 + random.Next(2);
            for (var se = 1; se <= series; se++)
            {
                seriesCount++;
                var modality = se == 1 ? "NM" : random.Next(2) == 0 ? "CT" : "MR";
                var instances = 1 + random.Next(2);
                for (var i = 1; i <= instances; i++)
                {
                    records.Add(new InstanceRecord
                    {
                        PatientId = $"P{patient:000000}",
                        PatientName = name,
                        PatientBirthDate = new DateOnly(1940, 1, 1).AddDays(patient % 15000).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                        PatientSex = patient % 2 == 0 ? "F" : "M",
                        StudyInstanceUid = study,
                        StudyDate = date,
                        StudyTime = time,
                        StudyDescription = se == 1 ? "Whole-body bone scan" : "Spine",
                        AccessionNumber = $"A{s + 1:0000000}",
                        StudyId = (s + 1).ToString(CultureInfo.InvariantCulture),
                        SeriesInstanceUid = $"{study}.{se}",
                        Modality = modality,
                        SeriesNumber = se,
                        SeriesDescription = modality == "NM" ? "WB anterior/posterior" : "Sagittal",
                        BodyPartExamined = modality == "NM" ? "WHOLEBODY" : "SPINE",
                        SopInstanceUid = $"{study}.{se}.{i}",
                        SopClassUid = modality == "NM" ? "1.2.840.10008.5.1.4.1.1.20" : "1.2.840.10008.5.1.4.1.1.2",
                        InstanceNumber = i,
                        TransferSyntaxUid = "1.2.840.10008.1.2.1",
                        BlobKey = $"{s:x32}/{se:x32}/{i:x32}.dcm",
                        SizeBytes = 500_000,
                        CallingAeTitle = "BENCH",
                        ReceivedAt = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(records.Count),
                    });
                }
            }
        }

        var next = -1;
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < records.Count)
                await store.RecordInstanceAsync(records[index], TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);

        var middle = records[records.Count / 2];
        return new SeedInfo(studies, seriesCount, records.Count, middle.StudyInstanceUid, middle.SeriesInstanceUid, middle.PatientId,
            middle.AccessionNumber!);
    }
}
