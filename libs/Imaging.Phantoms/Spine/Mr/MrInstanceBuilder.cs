using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Spine.Dicom;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Builds one MR Image (PS3.3 A.4) slice: Patient, General Study, General Series, Frame of Reference, General
/// Equipment, General Acquisition, General Image, Image Plane, Image Pixel, MR Image, VOI LUT and SOP Common modules;
/// 16-bit unsigned stored values (12 bits used), no rescale (MR signal has no physical unit).</summary>
internal static class MrInstanceBuilder
{
    public const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public const ushort MaximumStored = 4095;

    public static DicomFile Build(SpineMrPhantomOptions o, CtSeriesIdentity id, SagittalSlice slice, ushort[] stored, string sopUid,
        int instanceNumber)
    {
        var ds = new DicomDataset();
        var acquired = id.AcquisitionDateTime;
        var date = acquired.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = acquired.ToString("HHmmss", CultureInfo.InvariantCulture);
        var t1 = o.Contrast == SpineMrContrast.T1;

        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "OTHER");
        PhantomHeader.SetCommon(ds, MrImageStorage, sopUid, date, time, id.AccessionNumber, "MR",
            "MR Spine", o.SeriesDescription ?? (t1 ? "SAG T1" : "SAG T2"), "SpineMrPhantom");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, id.PatientName);
        ds.SetString(DicomTags.PatientID, DicomVR.LO, id.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, id.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, id.Sex);
        ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "SPINE");
        ds.SetString(DicomTags.ScanningSequence, DicomVR.CS, "SE");
        ds.SetString(DicomTags.SequenceVariant, DicomVR.CS, t1 ? "NONE" : "SK");
        ds.SetString(DicomTags.ScanOptions, DicomVR.CS, "");
        ds.SetString(DicomTags.MRAcquisitionType, DicomVR.CS, "2D");
        ds.SetString(DicomTags.SequenceName, DicomVR.SH, t1 ? "se2d1" : "tse2d1_16");
        ds.SetString(DicomTags.AngioFlag, DicomVR.CS, "N");
        ds.Set(DicomElement.FromDecimals(DicomTags.SliceThickness, o.SliceThicknessMm));
        ds.Set(DicomElement.FromDecimals(DicomTags.RepetitionTime, RepetitionTime(o)));
        ds.Set(DicomElement.FromDecimals(DicomTags.EchoTime, EchoTime(o)));
        ds.Set(DicomElement.FromDecimals(DicomTags.NumberOfAverages, 2));
        ds.Set(DicomElement.FromDecimals(DicomTags.ImagingFrequency, Math.Round(42.577478 * o.MagneticFieldStrengthT, 6)));
        ds.SetString(DicomTags.ImagedNucleus, DicomVR.SH, "1H");
        ds.Set(DicomElement.FromIntegers(DicomTags.EchoNumbers, 1));
        ds.Set(DicomElement.FromDecimals(DicomTags.MagneticFieldStrength, o.MagneticFieldStrengthT));
        ds.Set(DicomElement.FromDecimals(DicomTags.SpacingBetweenSlices, o.SliceSpacingMm));
        ds.Set(DicomElement.FromIntegers(DicomTags.EchoTrainLength, t1 ? 1 : 16));
        ds.SetString(DicomTags.SoftwareVersions, DicomVR.LO, "imaging-phantoms 1");
        ds.SetString(DicomTags.ProtocolName, DicomVR.LO, t1 ? "SAG T1 SPINE" : "SAG T2 SPINE");
        ds.SetString(DicomTags.ReceiveCoilName, DicomVR.SH, "SPINE");
        ds.Set(DicomElement.FromDecimals(DicomTags.FlipAngle, t1 ? 90 : 150));
        ds.SetString(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, id.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, id.SeriesInstanceUid);
        ds.SetString(DicomTags.StudyID, DicomVR.SH, id.StudyId);
        ds.Set(DicomElement.FromIntegers(DicomTags.SeriesNumber, t1 ? 3 : 4));
        ds.Set(DicomElement.FromIntegers(DicomTags.AcquisitionNumber, 1));
        ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, instanceNumber));
        ds.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, Round(slice.X), Round(slice.FirstY), Round(slice.FirstZ)));
        ds.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 0, 1, 0, 0, 0, -1));
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, id.FrameOfReferenceUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");
        ds.Set(DicomElement.FromDecimals(DicomTags.SliceLocation, Round(slice.X)));

        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)slice.Rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)slice.Columns);
        ds.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, slice.PixelSpacing, slice.PixelSpacing));
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)12);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)11);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.Set(DicomElement.FromDecimals(DicomTags.WindowCenter, t1 ? 500 : 600));
        ds.Set(DicomElement.FromDecimals(DicomTags.WindowWidth, t1 ? 1000 : 1300));
        ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        ds.Set(DicomElement.FromValues(DicomTag.PixelData, DicomVR.OW, stored));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    public static double RepetitionTime(SpineMrPhantomOptions o) => o.RepetitionTimeMs ?? (o.Contrast == SpineMrContrast.T1 ? 550 : 3500);

    public static double EchoTime(SpineMrPhantomOptions o) => o.EchoTimeMs ?? (o.Contrast == SpineMrContrast.T1 ? 12 : 100);

    private static double Round(double value, int decimals = 4)
    {
        var rounded = Math.Round(value, decimals);
        return rounded == 0 ? 0 : rounded;
    }
}
