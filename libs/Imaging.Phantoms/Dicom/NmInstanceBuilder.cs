using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Phantoms.Dicom;

/// <summary>One frame of an instance to write: the view and its counts.</summary>
internal sealed record PhantomFrame(PhantomView View, ushort[] Pixels, long Counts);

/// <summary>Identity shared by every instance of a phantom study.</summary>
internal sealed record StudyIdentity(
    string PatientName,
    string PatientId,
    DateOnly BirthDate,
    string Sex,
    string StudyInstanceUid,
    string StudyId,
    string AccessionNumber,
    DateTime AcquisitionDateTime,
    string FrameOfReferenceUid);

/// <summary>Builds an NM Image (PS3.3 A.5) whole-body instance: Patient, General Study, General Series, NM/PET Patient
/// Orientation, General Equipment, General Image, Image Pixel, NM Image Pixel, Multi-frame, NM Multi-frame (Frame
/// Increment Pointer = Energy Window Vector, Detector Vector, as C.8.4.8.1 requires for WHOLE BODY), NM Image, NM Isotope,
/// NM Detector and SOP Common modules.</summary>
internal static class NmInstanceBuilder
{
    public const string NmImageStorage = "1.2.840.10008.5.1.4.1.1.20";

    public static DicomFile Build(BoneScanPhantomOptions options, TracerInfo tracer, StudyIdentity study, IReadOnlyList<PhantomFrame> frames,
        string seriesUid, int seriesNumber, string sopUid, int instanceNumber)
    {
        var ds = new DicomDataset();
        var acquired = study.AcquisitionDateTime;
        var date = Date(DateOnly.FromDateTime(acquired));
        var time = acquired.ToString("HHmmss", CultureInfo.InvariantCulture);

        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION");
        PhantomHeader.SetCommon(ds, NmImageStorage, sopUid, date, time, study.AccessionNumber, "NM",
            "NM Whole Body Bone Scan", frames.Count == 2 ? "WB ANT/POST" : $"WB {ViewWord(frames[0].View)}", "BoneScanPhantom");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, study.PatientName);
        ds.SetString(DicomTags.PatientID, DicomVR.LO, study.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, Date(study.BirthDate));
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, study.Sex);
        ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "WHOLEBODY");
        ds.SetString(DicomTags.CountsAccumulated, DicomVR.IS, frames.Sum(f => f.Counts).ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.AcquisitionTerminationCondition, DicomVR.CS, "MANU");
        ds.SetString(DicomTags.SoftwareVersions, DicomVR.LO, "imaging-phantoms 1");
        ds.SetString(DicomTags.ProtocolName, DicomVR.LO, "Whole Body Bone");
        var scanLengthMm = options.Rows * options.PixelSpacingMm;
        var durationMs = (long)Math.Round(scanLengthMm / (options.ScanSpeedCmPerMinute * 10) * 60_000);
        ds.Set(DicomElement.FromIntegers(DicomTags.ActualFrameDuration, durationMs));
        ds.Set(DicomElement.FromDecimals(DicomTags.ScanVelocity, options.ScanSpeedCmPerMinute));
        ds.SetString(DicomTags.WholeBodyTechnique, DicomVR.CS, "1PS", "2PS");
        ds.Set(DicomElement.FromIntegers(DicomTags.ScanLength, (long)Math.Round(scanLengthMm)));
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, seriesUid);
        ds.SetString(DicomTags.StudyID, DicomVR.SH, study.StudyId);
        ds.Set(DicomElement.FromIntegers(DicomTags.SeriesNumber, seriesNumber));
        ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, instanceNumber));
        // One orientation per instance: only a single view has one; a two-view instance leaves it empty (Type 2C).
        if (frames.Count == 1) ds.SetString(DicomTags.PatientOrientation, DicomVR.CS, frames[0].View == PhantomView.Anterior ? "L" : "R", "F");
        else ds.SetString(DicomTags.PatientOrientation, DicomVR.CS);
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, study.FrameOfReferenceUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");

        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, frames.Count));
        ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.EnergyWindowVector, DicomTags.DetectorVector));
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)options.Rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)options.Columns);
        ds.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, options.PixelSpacingMm, options.PixelSpacingMm));
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)15);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");

        ds.SetValues(DicomTags.EnergyWindowVector, DicomVR.US, frames.Select(_ => (ushort)1).ToArray());
        ds.SetValues(DicomTags.NumberOfEnergyWindows, DicomVR.US, (ushort)1);
        ds.Set(EnergyWindows(options, tracer));
        ds.Set(Radiopharmaceuticals(options, tracer, acquired));
        ds.SetValues(DicomTags.DetectorVector, DicomVR.US, frames.Select((_, i) => (ushort)(i + 1)).ToArray());
        ds.SetValues(DicomTags.NumberOfDetectors, DicomVR.US, (ushort)frames.Count);
        ds.Set(Detectors(frames));
        ds.Set(new DicomSequence(DicomTags.PatientOrientationCodeSequence));
        ds.Set(new DicomSequence(DicomTags.PatientGantryRelationshipCodeSequence));
        ds.SetString(DicomTags.ImageID, DicomVR.SH, frames.Count == 2 ? "WB ANT POST" : $"WB {ViewWord(frames[0].View)}");

        var pixels = new ushort[checked(frames.Count * options.Rows * options.Columns)];
        for (var i = 0; i < frames.Count; i++) frames[i].Pixels.CopyTo(pixels, i * options.Rows * options.Columns);
        ds.Set(DicomElement.FromValues(DicomTag.PixelData, DicomVR.OW, pixels));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    private static string ViewWord(PhantomView view) => view == PhantomView.Anterior ? "ANT" : "POST";

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DicomDataset Code(string value, string scheme, string meaning)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, DicomVR.SH, value);
        item.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme);
        item.SetString(DicomTags.CodeMeaning, DicomVR.LO, meaning);
        return item;
    }

    private static DicomSequence EnergyWindows(BoneScanPhantomOptions options, TracerInfo tracer)
    {
        var half = tracer.PhotopeakKeV * options.EnergyWindowPercent / 200;
        var range = new DicomDataset();
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowLowerLimit, Math.Round(tracer.PhotopeakKeV - half, 2)));
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowUpperLimit, Math.Round(tracer.PhotopeakKeV + half, 2)));
        var window = new DicomDataset();
        window.Set(new DicomSequence(DicomTags.EnergyWindowRangeSequence, [range]));
        window.SetString(DicomTags.EnergyWindowName, DicomVR.SH, $"{tracer.Name.Split(' ')[0]} {tracer.PhotopeakKeV:0}keV".Replace("-", "", StringComparison.Ordinal));
        return new DicomSequence(DicomTags.EnergyWindowInformationSequence, [window]);
    }

    private static DicomSequence Radiopharmaceuticals(BoneScanPhantomOptions options, TracerInfo tracer, DateTime acquired)
    {
        var injected = acquired - options.UptakeTime;
        var item = new DicomDataset();
        item.SetString(DicomTags.Radiopharmaceutical, DicomVR.LO, tracer.RadiopharmaceuticalText);
        item.SetString(DicomTags.RadiopharmaceuticalRoute, DicomVR.LO, "Intravenous");
        item.SetString(DicomTags.RadiopharmaceuticalStartTime, DicomVR.TM, injected.ToString("HHmmss", CultureInfo.InvariantCulture));
        item.SetString(DicomTags.RadiopharmaceuticalStartDateTime, DicomVR.DT, injected.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        item.Set(DicomElement.FromDecimals(DicomTags.RadionuclideTotalDose, options.AdministeredActivityMBq ?? tracer.DefaultActivityMBq));
        item.Set(DicomElement.FromDecimals(DicomTags.RadionuclideHalfLife, tracer.HalfLifeSeconds));
        var (value, scheme, meaning) = tracer.Radionuclide;
        item.Set(new DicomSequence(DicomTags.RadionuclideCodeSequence, [Code(value, scheme, meaning)]));
        if (tracer.Radiopharmaceutical is { } agent)
            item.Set(new DicomSequence(DicomTags.RadiopharmaceuticalCodeSequence, [Code(agent.Value, agent.Scheme, agent.Meaning)]));
        return new DicomSequence(DicomTags.RadiopharmaceuticalInformationSequence, [item]);
    }

    /// <summary>One detector item per frame with its View Code (PS3.16 CID 26: SCT 399321004 anterior projection,
    /// 399001007 posterior projection).</summary>
    private static DicomSequence Detectors(IReadOnlyList<PhantomFrame> frames)
    {
        var items = new List<DicomDataset>();
        foreach (var frame in frames)
        {
            var item = new DicomDataset();
            item.SetString(DicomTags.CollimatorGridName, DicomVR.SH, "LEHR");
            item.SetString(DicomTags.CollimatorType, DicomVR.CS, "PARA");
            item.SetString(DicomTags.FocalDistance, DicomVR.IS);
            item.SetString(DicomTags.ZoomFactor, DicomVR.DS, "1", "1");
            // Type 2 in the NM Detector module; a planar whole-body frame has no single position or orientation.
            item.SetString(DicomTags.ImagePositionPatient, DicomVR.DS);
            item.SetString(DicomTags.ImageOrientationPatient, DicomVR.DS);
            item.SetString(DicomTags.StartAngle, DicomVR.DS, frame.View == PhantomView.Anterior ? "0" : "180");
            var view = frame.View == PhantomView.Anterior
                ? Code("399321004", "SCT", "anterior projection")
                : Code("399001007", "SCT", "posterior projection");
            view.Set(new DicomSequence(DicomTags.ViewModifierCodeSequence));
            item.Set(new DicomSequence(DicomTags.ViewCodeSequence, [view]));
            items.Add(item);
        }
        return new DicomSequence(DicomTags.DetectorInformationSequence, items);
    }
}
