using Imaging.Analysis.BoneScan;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Worker.Tests.Results;

/// <summary>A small two-frame whole-body NM instance (anterior, posterior) and bone-scan findings on it, written with our
/// own writer: enough for the results sender to build and send a report and a key image.</summary>
internal static class FakeWholeBodyScan
{
    public const int Columns = 64;
    public const int Rows = 160;
    public const string StudyUid = "1.2.826.0.1.3680043.9.7433.6.1";
    public const string SeriesUid = "1.2.826.0.1.3680043.9.7433.6.2";
    public const string SopUid = "1.2.826.0.1.3680043.9.7433.6.3";

    /// <summary>Writes the instance to <paramref name="path"/>.</summary>
    public static string Write(string path)
    {
        using var stream = File.Create(path);
        DicomFileWriter.Write(stream, new DicomFile(new DicomDataset(), Create(), DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }

    /// <summary>Counted findings: one lesion seen in both views, one posterior-only, the bladder excluded.</summary>
    public static BoneScanFindings Findings(string analyzerVersion = "0.1") => new()
    {
        AnalyzerVersion = analyzerVersion,
        StudyInstanceUid = StudyUid,
        SeriesInstanceUid = SeriesUid,
        Status = TracerStatus.Analysed,
        Tracer = "Tc-99m medronate",
        Qc = new BoneScanQc { CountsAnterior = 900_000, CountsPosterior = 950_000, PixelSpacingMm = 4 },
        LesionCount = 2,
        RegionCounts = new RegionCounts { ThoracicSpine = 1, Ribs = 1 },
        Lesions =
        [
            new BoneScanLesion("L1", SkeletalRegion.ThoracicSpine, [BoneScanView.Anterior, BoneScanView.Posterior], 32, 50, 2.8, 300),
            new BoneScanLesion("L2", SkeletalRegion.Ribs, [BoneScanView.Posterior], 20, 70, 2.2, 150),
        ],
        Excluded = [new ExcludedFocus("bladder", 32, 110)],
        ExtentOfDiseaseGrade = 1,
        LesionBurdenPercent = 1.5,
        Normalisation = new BoneScanNormalisation(40, 42, 5, 20_000),
    };

    private static DicomDataset Create()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, DicomUids.NuclearMedicineImageStorage.Uid);
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, SopUid);
        ds.SetString(DicomTags.StudyDate, DicomVR.DA, "20260301");
        ds.SetString(DicomTags.StudyTime, DicomVR.TM, "101500");
        ds.SetString(DicomTags.AccessionNumber, DicomVR.SH, "ACC-R6");
        ds.SetString(DicomTags.Modality, DicomVR.CS, "NM");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, "Results^Test");
        ds.SetString(DicomTags.PatientID, DicomVR.LO, "PID-R6");
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, "19500101");
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, StudyUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, SeriesUid);
        ds.SetString(DicomTags.StudyID, DicomVR.SH, "6");
        ds.SetString(DicomTags.SeriesNumber, DicomVR.IS, "1");
        ds.SetString(DicomTags.InstanceNumber, DicomVR.IS, "1");
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetString(DicomTags.NumberOfFrames, DicomVR.IS, "2");
        ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.DetectorVector));
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)Rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)Columns);
        ds.SetString(DicomTags.PixelSpacing, DicomVR.DS, "4", "4");
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)15);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.SetValues(DicomTags.DetectorVector, DicomVR.US, (ushort)1, (ushort)2);
        ds.SetValues(DicomTags.NumberOfDetectors, DicomVR.US, (ushort)2);
        var pixels = new ushort[2 * Columns * Rows];
        for (var frame = 0; frame < 2; frame++)
        for (var y = 0; y < Rows; y++)
        for (var x = 0; x < Columns; x++)
            pixels[frame * Columns * Rows + y * Columns + x] = (ushort)(x is > 16 and < 48 ? 40 + (x + y) % 7 : 2);
        ds.SetValues(DicomTag.PixelData, DicomVR.OW, pixels);
        return ds;
    }
}
