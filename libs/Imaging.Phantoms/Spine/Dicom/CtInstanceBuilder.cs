using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Spine.Rendering;

namespace Imaging.Phantoms.Spine.Dicom;

/// <summary>Builds one CT Image (PS3.3 A.3) slice: Patient, General Study, Patient Study, General Series, Frame of
/// Reference, General Equipment, General Acquisition, General Image, Image Plane, Image Pixel, CT Image, VOI LUT and SOP
/// Common modules; 16-bit signed stored values with Rescale Intercept −1024 and Slope 1 (HU).</summary>
internal static class CtInstanceBuilder
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const double RescaleIntercept = -1024;

    public static DicomFile Build(SpineCtPhantomOptions options, CtSeriesIdentity id, SliceGeometry slice, double sliceLocation, short[] stored,
        string sopUid, int instanceNumber)
    {
        var ds = new DicomDataset();
        var acquired = id.AcquisitionDateTime;
        var date = acquired.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = acquired.ToString("HHmmss", CultureInfo.InvariantCulture);

        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        PhantomHeader.SetCommon(ds, CtImageStorage, sopUid, date, time, id.AccessionNumber, "CT",
            "CT Spine", $"Spine {options.SliceThicknessMm.ToString("0.##", CultureInfo.InvariantCulture)} mm Bone", "SpineCtPhantom");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, id.PatientName);
        ds.SetString(DicomTags.PatientID, DicomVR.LO, id.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, id.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, id.Sex);
        ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "SPINE");
        ds.SetString(DicomTags.ScanOptions, DicomVR.CS, "HELICAL");
        ds.Set(DicomElement.FromDecimals(DicomTags.SliceThickness, options.SliceThicknessMm));
        ds.Set(DicomElement.FromDecimals(DicomTags.KVP, 120));
        ds.Set(DicomElement.FromDecimals(DicomTags.SpacingBetweenSlices, options.SliceSpacingMm));
        ds.SetString(DicomTags.SoftwareVersions, DicomVR.LO, "imaging-phantoms 1");
        ds.SetString(DicomTags.ProtocolName, DicomVR.LO, "Spine");
        ds.Set(DicomElement.FromDecimals(DicomTags.GantryDetectorTilt, options.GantryTiltDegrees));
        ds.SetString(DicomTags.ConvolutionKernel, DicomVR.SH, "BONE");
        ds.SetString(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, id.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, id.SeriesInstanceUid);
        ds.SetString(DicomTags.StudyID, DicomVR.SH, id.StudyId);
        ds.Set(DicomElement.FromIntegers(DicomTags.SeriesNumber, 2));
        ds.Set(DicomElement.FromIntegers(DicomTags.AcquisitionNumber, 1));
        ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, instanceNumber));
        ds.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, Round(slice.Origin.X), Round(slice.Origin.Y), Round(slice.Origin.Z)));
        ds.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient,
            Round(slice.Row.X, 6), Round(slice.Row.Y, 6), Round(slice.Row.Z, 6), Round(slice.Column.X, 6), Round(slice.Column.Y, 6), Round(slice.Column.Z, 6)));
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, id.FrameOfReferenceUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");
        ds.Set(DicomElement.FromDecimals(DicomTags.SliceLocation, Round(sliceLocation)));

        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)slice.Rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)slice.Columns);
        ds.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, slice.PixelSpacing, slice.PixelSpacing));
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)15);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)1);
        ds.Set(DicomElement.FromDecimals(DicomTags.WindowCenter, 400, 40));
        ds.Set(DicomElement.FromDecimals(DicomTags.WindowWidth, 1800, 400));
        ds.SetString(DicomTags.WindowCenterWidthExplanation, DicomVR.LO, "BONE", "SOFT TISSUE");
        ds.Set(DicomElement.FromDecimals(DicomTags.RescaleIntercept, RescaleIntercept));
        ds.Set(DicomElement.FromDecimals(DicomTags.RescaleSlope, 1));
        ds.SetString(DicomTags.RescaleType, DicomVR.LO, "HU");
        ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        ds.Set(DicomElement.FromValues(DicomTag.PixelData, DicomVR.OW, stored));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    private static double Round(double value, int decimals = 4)
    {
        var rounded = Math.Round(value, decimals);
        return rounded == 0 ? 0 : rounded;
    }
}
