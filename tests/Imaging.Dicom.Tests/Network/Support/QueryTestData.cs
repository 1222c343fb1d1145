using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A small patient/study/series/instance tree for query tests: two patients, three studies, five instances.</summary>
internal static class QueryTestData
{
    public const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>(patient id, name, study uid, study date, series uid, modality, instance uid).</summary>
    public static readonly (string Patient, string Name, string Study, string Date, string Series, string Modality, string Instance)[] Rows =
    [
        ("P1", "Doe^John", "1.2.826.0.1.1", "20240110", "1.2.826.0.1.1.1", "CT", "1.2.826.0.1.1.1.1"),
        ("P1", "Doe^John", "1.2.826.0.1.1", "20240110", "1.2.826.0.1.1.1", "CT", "1.2.826.0.1.1.1.2"),
        ("P1", "Doe^John", "1.2.826.0.1.2", "20240320", "1.2.826.0.1.2.1", "MR", "1.2.826.0.1.2.1.1"),
        ("P2", "Roe^Jane", "1.2.826.0.2.1", "20230505", "1.2.826.0.2.1.1", "CT", "1.2.826.0.2.1.1.1"),
        ("P2", "Roe^Jane", "1.2.826.0.2.1", "20230505", "1.2.826.0.2.1.2", "SR", "1.2.826.0.2.1.2.1"),
    ];

    public static DicomDataset Header(int row)
    {
        var r = Rows[row];
        var d = new DicomDataset();
        d.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        d.SetString(DicomTags.SOPClassUID, DicomVR.UI, SecondaryCapture);
        d.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, r.Instance);
        d.SetString(DicomTags.StudyDate, DicomVR.DA, r.Date);
        d.SetString(DicomTags.StudyTime, DicomVR.TM, "101500");
        d.SetString(DicomTags.AccessionNumber, DicomVR.SH, "A" + row);
        d.SetString(DicomTags.Modality, DicomVR.CS, r.Modality);
        d.SetString(DicomTags.PatientName, DicomVR.PN, r.Name);
        d.SetString(DicomTags.PatientID, DicomVR.LO, r.Patient);
        d.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, r.Study);
        d.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, r.Series);
        d.SetString(DicomTags.StudyID, DicomVR.SH, "S" + row);
        d.SetString(DicomTags.SeriesNumber, DicomVR.IS, "1");
        d.SetString(DicomTags.InstanceNumber, DicomVR.IS, (row + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return d;
    }

    public static InMemoryQueryIndex Index()
    {
        var index = new InMemoryQueryIndex();
        for (var i = 0; i < Rows.Length; i++) index.Add(Header(i));
        return index;
    }

    /// <summary>Every storage SOP class plus the Q/R FIND, MOVE and GET classes, uncompressed.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AbstractSyntaxes()
    {
        var table = new Dictionary<string, IReadOnlyList<string>>(StandardAbstractSyntaxes.VerificationAndStorage(), StringComparer.Ordinal);
        foreach (var sopClass in QueryInformationModels.AllSopClasses())
            table[sopClass] = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid];
        return table;
    }

    public static Func<DicomServerOptions, DicomServerOptions> WithFind(ICFindProvider provider) => options => options with
    {
        Policy = options.Policy with { AbstractSyntaxes = AbstractSyntaxes() },
        FindProvider = provider,
    };
}
