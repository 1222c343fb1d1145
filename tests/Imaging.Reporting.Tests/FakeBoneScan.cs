using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

/// <summary>A small two-frame whole-body NM instance (anterior, posterior) written with our own writer: a dim body
/// column and two hot spots per view, enough to report on and to render.</summary>
internal static class FakeBoneScan
{
    public const int Columns = 64;
    public const int Rows = 128;
    public const string StudyUid = "1.2.826.0.1.3680043.9.7433.1.1";
    public const string SeriesUid = "1.2.826.0.1.3680043.9.7433.1.2";
    public const string SopUid = "1.2.826.0.1.3680043.9.7433.1.3";
    public static readonly (int X, int Y)[] HotSpots = [(30, 40), (20, 100)];

    public static SourceImage Image => new(DicomUids.NuclearMedicineImageStorage.Uid, SopUid, SeriesUid, Columns, Rows, 2);

    public static DicomDataset Create()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, DicomUids.NuclearMedicineImageStorage.Uid);
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, SopUid);
        ds.SetString(DicomTags.StudyDate, DicomVR.DA, "20260301");
        ds.SetString(DicomTags.StudyTime, DicomVR.TM, "101500");
        ds.SetString(DicomTags.AccessionNumber, DicomVR.SH, "ACC6");
        ds.SetString(DicomTags.Modality, DicomVR.CS, "NM");
        ds.SetString(DicomTags.Manufacturer, DicomVR.LO, "Test");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        ds.SetString(DicomTags.StudyDescription, DicomVR.LO, "NM Bone Whole Body");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, "Müller^Hans");
        ds.SetString(DicomTags.PatientID, DicomVR.LO, "PID-6");
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, "19500101");
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, "M");
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
        ds.SetValues(DicomTag.PixelData, DicomVR.OW, Pixels());
        return ds;
    }

    public static DicomFile CreateFile() => new(new DicomDataset(), Create(), DicomTransferSyntax.ExplicitVRLittleEndian);

    private static ushort[] Pixels()
    {
        var pixels = new ushort[2 * Columns * Rows];
        for (var frame = 0; frame < 2; frame++)
        for (var y = 0; y < Rows; y++)
        for (var x = 0; x < Columns; x++)
        {
            double v = x is > 16 and < 48 ? 40 : 2;
            foreach (var (hx, hy) in HotSpots)
                v += 400 * Math.Exp(-((x - hx) * (x - hx) + (y - hy) * (y - hy)) / 8.0);
            pixels[frame * Columns * Rows + y * Columns + x] = (ushort)v;
        }
        return pixels;
    }
}
