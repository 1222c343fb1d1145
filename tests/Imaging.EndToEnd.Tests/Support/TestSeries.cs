using System.Globalization;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>A series written for one test from a real corpus file: the scanner's header and pixels, with fresh study,
/// series and SOP Instance UIDs (so nothing collides with another test or run) and per-instance numbering.</summary>
/// <param name="ContentKind">How the worker must classify it (the metadata findings' <c>content.kind</c>).</param>
public sealed record TestSeries(string Modality, string ContentKind, string StudyInstanceUid, string SeriesInstanceUid, IReadOnlyList<string> Files)
{
    /// <summary>Axial CT slices of the thoracic spine, 5 mm apart, from the NEMA WG04 CT (GE, 512×512, 16 bit).</summary>
    public static TestSeries CtSpine(string folder, int slices, string? studyInstanceUid = null)
    {
        var study = studyInstanceUid ?? Uids.New();
        var series = Uids.New();
        var files = Enumerable.Range(1, slices).Select(n => DerivedFiles.Slice("ct_mr/CT_WG04_CT1_ELE.dcm", Target(folder, "ct", n), n, -75.7 + 5 * (n - 1), ds =>
        {
            Identify(ds, study, series, n);
            ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "TSPINE");
        })).ToList();
        return new TestSeries("CT", "ct-spine", study, series, files);
    }

    /// <summary>Planar whole-body bone scan images from the NEMA WG04 NM (GE Millennium MG, Tc-99m, 1024×256).</summary>
    public static TestSeries NmWholeBody(string folder, int images, string? studyInstanceUid = null)
    {
        var study = studyInstanceUid ?? Uids.New();
        var series = Uids.New();
        var files = Enumerable.Range(1, images).Select(n => DerivedFiles.Write("nm/WG04_NM1_UNC.dcm", Target(folder, "nm", n), ds =>
        {
            Identify(ds, study, series, n);
            ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, n));
        })).ToList();
        return new TestSeries("NM", "nm-whole-body-bone-scan", study, series, files);
    }

    /// <summary>The first <paramref name="count"/> files.</summary>
    public IReadOnlyList<string> First(int count) => [.. Files.Take(count)];

    /// <summary>The files after the first <paramref name="count"/>.</summary>
    public IReadOnlyList<string> After(int count) => [.. Files.Skip(count)];

    private static void Identify(DicomDataset ds, string study, string series, int n)
    {
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, Uids.New());
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
    }

    private static string Target(string folder, string prefix, int n)
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{prefix}-{n.ToString("D4", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.dcm");
    }
}
