using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Spine;
using Imaging.Storage;

namespace Imaging.Api.Tests.Workspace;

/// <summary>Index records and findings documents for the workspace tests, made with the analyzers' own types and JSON
/// contexts so the stored payloads are what the worker stores.</summary>
internal static class WorkspaceSeed
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    public static async Task StudyAsync(IImagingStore store, string patientId, string? name, string? birthDate, string study, string? date,
        string series, string modality = "NM", string? seriesDescription = "WB", string? sop = null, string? time = "080000",
        string sopClass = "1.2.840.10008.5.1.4.1.1.20", DateTimeOffset? receivedAt = null)
    {
        var record = new InstanceRecord
        {
            PatientId = patientId, PatientName = name, PatientBirthDate = birthDate, PatientSex = "M",
            StudyInstanceUid = study, StudyDate = date, StudyTime = time, StudyDescription = "Bone scan", AccessionNumber = "A" + study,
            SeriesInstanceUid = series, Modality = modality, SeriesNumber = 1, SeriesDescription = seriesDescription,
            SopInstanceUid = sop ?? series + ".1", SopClassUid = sopClass, InstanceNumber = 1, TransferSyntaxUid = "1.2.840.10008.1.2.1",
            BlobKey = new string('a', 32) + "/" + new string('b', 32) + "/" + new string('c', 32) + ".dcm", SizeBytes = 1000,
            CallingAeTitle = "TEST", ReceivedAt = receivedAt ?? T0,
        };
        await store.RecordInstanceAsync(record, Quiet, CancellationToken.None);
    }

    public static BoneScanFindings BoneScan(string study, string series, DateOnly date, params (SkeletalRegion Region, int X, int Y, double Peak)[] lesions)
    {
        var list = lesions.Select((l, i) => new BoneScanLesion($"L{i + 1}", l.Region, [BoneScanView.Anterior], l.X, l.Y, l.Peak, 150)).ToList();
        return new BoneScanFindings
        {
            AnalyzerVersion = "1.0", StudyInstanceUid = study, SeriesInstanceUid = series, SeriesDate = date, Status = TracerStatus.Analysed,
            Qc = new BoneScanQc { PixelSpacingMm = 2.4 }, LesionCount = list.Count, RegionCounts = RegionCounts.Of(list), Lesions = list,
            ExtentOfDiseaseGrade = list.Count == 0 ? 0 : list.Count < 6 ? 1 : 2, Normalisation = new BoneScanNormalisation(120, 110, 12, 80_000),
        };
    }

    public static SpineFindings Spine(string study, string series, DateOnly date, params (string Level, double Height, int Grade)[] levels) => new()
    {
        AnalyzerVersion = "1.0", Modality = "CT", StudyInstanceUid = study, SeriesInstanceUid = series, SeriesDate = date, Method = "ct-threshold",
        LabelConfidence = "high",
        Vertebrae = [.. levels.Select((l, i) => new VertebraFindings
        {
            Level = l.Level, AnteriorHeightMm = l.Height, MiddleHeightMm = 24, PosteriorHeightMm = 25, ReferenceHeightMm = 25,
            HeightLossPercent = Math.Round(100 * (1 - l.Height / 25), 1), GenantGrade = l.Grade, FractureType = l.Grade > 0 ? "wedge" : "none",
            Cement = false, VolumeMl = 20, CentroidMm = [0, 0, -30.0 * i],
        })],
        FlaggedLevels = [.. levels.Where(l => l.Grade > 0).Select(l => l.Level)],
    };

    public static Task SaveAsync(IImagingStore store, BoneScanFindings findings, int minutes = 0) =>
        store.SaveFindingsAsync(new FindingsRecord(findings.StudyInstanceUid!, findings.SeriesInstanceUid!, BoneScanAnalyzer.AnalyzerName,
            findings.AnalyzerVersion, 1, JsonSerializer.Serialize(findings, BoneScanJsonContext.Default.BoneScanFindings), T0.AddMinutes(minutes)),
            CancellationToken.None);

    public static Task SaveAsync(IImagingStore store, SpineFindings findings, int minutes = 0) =>
        store.SaveFindingsAsync(new FindingsRecord(findings.StudyInstanceUid!, findings.SeriesInstanceUid!, SpineAnalyzer.AnalyzerName,
            findings.AnalyzerVersion, 1, JsonSerializer.Serialize(findings, SpineJsonContext.Default.SpineFindings), T0.AddMinutes(minutes)),
            CancellationToken.None);
}
