using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests.Support;

/// <summary>Writes variants of real corpus files: the scanner's own header and pixels with a few attributes changed, for
/// what the public corpus lacks (multi-instance series, spine body parts, NM detector views).</summary>
public static class DerivedFiles
{
    /// <summary>Reads <paramref name="corpusFile"/>, applies <paramref name="change"/> and writes the result to <paramref name="target"/>.</summary>
    public static string Write(string corpusFile, string target, Action<DicomDataset> change)
    {
        var file = DicomFileReader.Read(TestPaths.Corpus(corpusFile));
        change(file.Dataset);
        // The writer takes the SOP identifiers from the meta group when it has them; let a changed UID reach it.
        file.FileMetaInformation.Remove(DicomTag.MediaStorageSopInstanceUid);
        file.FileMetaInformation.Remove(DicomTag.MediaStorageSopClassUid);
        DicomFileWriter.Write(target, file);
        return target;
    }

    /// <summary>A copy of a single-frame CT or MR slice placed at <paramref name="z"/> along the patient axis (its
    /// orientation must be axial), with its own SOP Instance UID and instance number.</summary>
    public static string Slice(string corpusFile, string target, int instanceNumber, double z, Action<DicomDataset>? change = null) =>
        Write(corpusFile, target, ds =>
        {
            var position = ds.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
            ds.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, position[0], position[1], z));
            ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, $"1.2.826.0.1.3680043.10.1234.{instanceNumber}");
            ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, instanceNumber));
            change?.Invoke(ds);
        });

    public static DicomSequence Sequence(DicomTag tag, params DicomDataset[] items) => new(tag, items);

    /// <summary>A code sequence item (Code Value, Coding Scheme Designator, Code Meaning).</summary>
    public static DicomDataset Code(string value, string scheme, string meaning)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, DicomVR.SH, value);
        item.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme);
        item.SetString(DicomTags.CodeMeaning, DicomVR.LO, meaning);
        return item;
    }
}
