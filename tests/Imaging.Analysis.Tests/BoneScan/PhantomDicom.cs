using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>Writes a <see cref="SyntheticBoneScan"/> as real NM whole-body DICOM: one instance with two frames told
/// apart by the Detector Information Sequence and Detector Vector, or one instance per view.</summary>
public static class PhantomDicom
{
    public const string StudyUid = "1.2.826.0.1.3680043.10.1234.6.1";
    public const string SeriesUid = "1.2.826.0.1.3680043.10.1234.6.2";

    /// <summary>One two-frame instance (anterior then posterior).</summary>
    public static string TwoFrames(SyntheticBoneScan model, string path, string tracer = "Tc99m MDP", double windowLow = 126, double windowHigh = 154, Action<DicomDataset>? change = null)
    {
        var (anterior, posterior) = model.Render();
        var ds = Header(1, tracer, windowLow, windowHigh);
        ds.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, 2));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.NumberOfDetectors, DicomVR.US, 2));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.DetectorVector, DicomVR.US, 1, 2));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.EnergyWindowVector, DicomVR.US, 1, 1));
        ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.EnergyWindowVector, DicomTags.DetectorVector));
        ds.Set(DerivedFiles.Sequence(DicomTags.DetectorInformationSequence, Detector("anterior"), Detector("posterior")));
        ds.Set(Pixels(anterior, posterior));
        change?.Invoke(ds);
        Write(path, ds);
        return path;
    }

    /// <summary>One instance per view; <paramref name="labelled"/> false leaves the views to Image Type.</summary>
    public static string[] TwoInstances(SyntheticBoneScan model, string folder, bool labelled = true)
    {
        var (anterior, posterior) = model.Render();
        var paths = new List<string>();
        foreach (var (number, view, pixels) in new[] { (1, "anterior", anterior), (2, "posterior", posterior) })
        {
            var ds = Header(number, "Tc99m MDP", 126, 154);
            ds.Set(DicomElement.FromValues<ushort>(DicomTags.DetectorVector, DicomVR.US, 1));
            ds.Set(DicomElement.FromValues<ushort>(DicomTags.EnergyWindowVector, DicomVR.US, 1));
            ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.EnergyWindowVector, DicomTags.DetectorVector));
            if (labelled) ds.Set(DerivedFiles.Sequence(DicomTags.DetectorInformationSequence, Detector(view)));
            else ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", view == "anterior" ? "ANT" : "POST");
            ds.Set(Pixels(pixels));
            var path = Path.Combine(folder, $"{view}.dcm");
            Write(path, ds);
            paths.Add(path);
        }
        return [.. paths];
    }

    public static SeriesInput Input(params string[] paths) =>
        global::Imaging.Analysis.Metadata.SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None);

    private static DicomDataset Header(int instance, string tracer, double windowLow, double windowHigh)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.20");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, $"1.2.826.0.1.3680043.10.1234.6.3.{instance}");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, StudyUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, SeriesUid);
        ds.SetString(DicomTags.Modality, DicomVR.CS, "NM");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION");
        ds.SetString(DicomTags.SeriesDescription, DicomVR.LO, "WB BONE");
        ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, instance));
        ds.Set(DicomElement.FromIntegers(DicomTags.ActualFrameDuration, 900_000));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1));
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.Rows, DicomVR.US, SyntheticBoneScan.Height));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.Columns, DicomVR.US, SyntheticBoneScan.Width));
        ds.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, SyntheticBoneScan.SpacingMm, SyntheticBoneScan.SpacingMm));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.BitsStored, DicomVR.US, 16));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.HighBit, DicomVR.US, 15));
        ds.Set(DicomElement.FromValues<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0));
        var drug = new DicomDataset();
        drug.SetString(DicomTags.Radiopharmaceutical, DicomVR.LO, tracer);
        ds.Set(DerivedFiles.Sequence(DicomTags.RadiopharmaceuticalInformationSequence, drug));
        var range = new DicomDataset();
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowLowerLimit, windowLow));
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowUpperLimit, windowHigh));
        var window = new DicomDataset();
        window.Set(DerivedFiles.Sequence(DicomTags.EnergyWindowRangeSequence, range));
        ds.Set(DerivedFiles.Sequence(DicomTags.EnergyWindowInformationSequence, window));
        return ds;
    }

    private static DicomElement Pixels(params float[][] frames)
    {
        var values = new ushort[frames.Sum(f => f.Length)];
        var offset = 0;
        foreach (var frame in frames)
            foreach (var v in frame)
                values[offset++] = (ushort)Math.Clamp(v, 0, ushort.MaxValue);
        return DicomElement.FromValues(DicomTags.PixelData, DicomVR.OW, values);
    }

    private static DicomDataset Detector(string view)
    {
        var item = new DicomDataset();
        var code = view == "anterior" ? DerivedFiles.Code("R-10206", "SRT", "anterior") : DerivedFiles.Code("R-10214", "SRT", "posterior");
        item.Set(DerivedFiles.Sequence(DicomTags.ViewCodeSequence, code));
        return item;
    }

    private static void Write(string path, DicomDataset dataset) =>
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
}
