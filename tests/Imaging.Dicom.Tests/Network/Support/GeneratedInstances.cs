using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Small Part 10 files written with the toolkit for tests that need many SOP classes, or one large instance.</summary>
internal static class GeneratedInstances
{
    public const string Study = "1.2.826.0.1.3680043.10.1311.900";
    public const string Series = "1.2.826.0.1.3680043.10.1311.900.1";

    /// <summary>Storage SOP classes the toolkit knows, in a fixed order (not retired, so any acceptor may take them).</summary>
    public static IReadOnlyList<string> StorageSopClasses(int count)
    {
        var classes = DicomUids.All.Where(u => u.IsStorage && !u.IsRetired).Select(u => u.Uid).Order(StringComparer.Ordinal).Take(count).ToList();
        if (classes.Count < count) throw new InvalidOperationException($"The dictionary knows only {classes.Count} storage SOP classes.");
        return classes;
    }

    /// <summary>Writes one instance of one study and series; its header is returned for indexing.</summary>
    /// <param name="pixelBytes">The length of an OB Pixel Data value; 0 leaves it out.</param>
    public static DicomDataset Write(string path, string sopClass, string sopInstance, DicomTransferSyntax syntax, int pixelBytes = 0)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, DicomVR.UI, sopClass);
        dataset.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, sopInstance);
        dataset.SetString(DicomTags.StudyDate, DicomVR.DA, "20240110");
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "OT");
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, "Generated^Test");
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, "GEN1");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, Study);
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, Series);
        if (pixelBytes > 0) dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, DicomBuffer.FromBytes(new byte[pixelBytes])));
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, syntax));
        var header = new DicomDataset(dataset.Where(a => a.Tag != DicomTag.PixelData));
        return header;
    }
}
