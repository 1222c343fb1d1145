using System.Globalization;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Storage;

namespace Imaging.Export.Benchmarks;

/// <summary>Seeds the benchmark's archive through the ingest APIs (blob put, index record): copies of a real CT slice
/// with extra private and sequence attributes (about 150 in all), 100 instances per series, two studies per patient.</summary>
internal static class Seeder
{
    private const int PerSeries = 100;
    private const int StudiesPerPatient = 2;

    public sealed record Seeded(int Patients, int Studies, long Bytes, int Attributes);

    /// <summary>The shared corpus' 512x512 CT: $IMAGING_TESTDATA, else ../shared/testdata beside the repository.</summary>
    public static string DefaultTemplate()
    {
        var data = Environment.GetEnvironmentVariable("IMAGING_TESTDATA");
        if (string.IsNullOrEmpty(data))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Imaging.sln"))) dir = dir.Parent;
            data = Path.Combine(dir?.FullName ?? ".", "..", "shared", "testdata");
        }
        return Path.GetFullPath(Path.Combine(data, "ct_mr", "CT_LCTSC_chest_TCIA.dcm"));
    }

    public static async Task<Seeded> SeedAsync(SqliteImagingStore store, FileSystemBlobStore blobs, string template, int count)
    {
        var writers = Math.Max(2, Environment.ProcessorCount * 2);
        long bytes = 0;
        var attributes = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            // Each writer has its own copy of the template and changes only the identifying values per instance.
            var file = DicomFileReader.Read(template);
            var ds = file.Dataset;
            Enrich(ds);
            Interlocked.Exchange(ref attributes, Count(ds));
            for (var i = w; i < count; i += writers)
            {
                var seriesIndex = i / PerSeries;
                var studyIndex = seriesIndex;
                var patientIndex = studyIndex / StudiesPerPatient;
                var patientId = $"BENCH-{patientIndex:D5}";
                var study = $"1.2.826.0.1.3680043.10.1144.{studyIndex + 1}";
                var series = $"{study}.1";
                var sop = $"{series}.{i % PerSeries + 1}";
                var date = new DateOnly(2020, 1, 1).AddDays(patientIndex * 3 + studyIndex % StudiesPerPatient * 90).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                ds.SetString(DicomTags.PatientID, DicomVR.LO, patientId);
                ds.SetString(DicomTags.PatientName, DicomVR.PN, $"BENCH^PATIENT{patientIndex}");
                ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
                ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
                ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sop);
                ds.SetString(DicomTags.StudyDate, DicomVR.DA, date);
                ds.SetString(DicomTags.Modality, DicomVR.CS, "CT");
                ds.SetString(DicomTags.InstanceNumber, DicomVR.IS, (i % PerSeries + 1).ToString(CultureInfo.InvariantCulture));
                var temporary = Path.Combine(blobs.IncomingDirectory, $"bench-{i}.dcm");
                await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1024 * 1024))
                    DicomFileWriter.Write(stream, new DicomFile(new DicomDataset(), ds, file.TransferSyntax));
                var size = new FileInfo(temporary).Length;
                Interlocked.Add(ref bytes, size);
                var key = await blobs.PutAsync(temporary, new InstanceKey(study, series, sop), dataIsDurable: true, CancellationToken.None);
                await store.RecordInstanceAsync(new InstanceRecord
                {
                    PatientId = patientId, PatientName = $"BENCH^PATIENT{patientIndex}", StudyInstanceUid = study, StudyDate = date,
                    SeriesInstanceUid = series, Modality = "CT", SeriesNumber = 1, SopInstanceUid = sop, SopClassUid = ds.GetString(DicomTag.SopClassUid)!,
                    InstanceNumber = i % PerSeries + 1, TransferSyntaxUid = file.TransferSyntax.Uid, BlobKey = key, SizeBytes = size,
                    CallingAeTitle = "BENCH", ReceivedAt = DateTimeOffset.UtcNow,
                }, TimeSpan.FromSeconds(30), CancellationToken.None);
            }
        })));
        var series = (count + PerSeries - 1) / PerSeries;
        return new Seeded((series + StudiesPerPatient - 1) / StudiesPerPatient, series, bytes, attributes);
    }

    /// <summary>What a modality adds beyond the template: private blocks, request and procedure sequences, descriptions.</summary>
    private static void Enrich(DicomDataset ds)
    {
        ds.SetString(new DicomTag(0x0019, 0x0010), DicomVR.LO, "BENCH PRIVATE");
        for (var e = 0; e < 56; e++)
            ds.SetString(new DicomTag(0x0019, (ushort)(0x1000 + e)), DicomVR.LO, $"private value {e}");
        var request = new DicomDataset();
        request.SetString(DicomTags.RequestedProcedureID, DicomVR.SH, "RP1");
        request.SetString(DicomTags.ScheduledProcedureStepID, DicomVR.SH, "SPS1");
        request.SetString(DicomTags.RequestedProcedureDescription, DicomVR.LO, "CT CHEST");
        ds.Set(new DicomSequence(DicomTags.RequestAttributesSequence, [request]));
        var code = new DicomDataset();
        code.SetString(DicomTags.CodeValue, DicomVR.SH, "CTCHEST");
        code.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, "LOCAL");
        code.SetString(DicomTags.CodeMeaning, DicomVR.LO, "CT chest");
        ds.Set(new DicomSequence(DicomTags.ProcedureCodeSequence, [code]));
        ds.SetString(DicomTags.InstitutionName, DicomVR.LO, "Benchmark Hospital");
        ds.SetString(DicomTags.InstitutionAddress, DicomVR.ST, "1 Benchmark Road");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "REFERRER^BENCH");
        ds.SetString(DicomTags.PerformingPhysicianName, DicomVR.PN, "PERFORMER^BENCH");
        ds.SetString(DicomTags.OperatorsName, DicomVR.PN, "OPERATOR^BENCH");
        ds.SetString(DicomTags.StationName, DicomVR.SH, "BENCHCT01");
        ds.SetString(DicomTags.ImageComments, DicomVR.LT, new StringBuilder().Append("comment ", 0, 8).Append("for the benchmark").ToString());
    }

    private static int Count(DicomDataset ds)
    {
        var n = 0;
        foreach (var attribute in ds)
        {
            n++;
            if (attribute is DicomSequence sequence) foreach (var item in sequence.Items) n += Count(item);
        }
        return n;
    }
}
