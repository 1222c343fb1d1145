using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests;

/// <summary>NM (and PT) headers: values asserted here were read from the files with dcmdump.</summary>
public sealed class NuclearMedicineMetadataTests
{
    [Fact]
    public void Nema_nm1_whole_body_header_is_read_as_dcmdump_shows_it()
    {
        var m = Extract.Corpus("nm/WG04_NM1_UNC.dcm");

        Assert.Equal("NM", m.Modality);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", m.SopClassUid);
        Assert.Equal("Secondary Capture Image Storage", m.SopClassName);
        Assert.Equal("1.3.6.1.4.1.5962.1.2.8.20040826185059.5457", m.StudyInstanceUid);
        Assert.Equal("1.3.6.1.4.1.5962.1.3.8.1.20040826185059.5457", m.SeriesInstanceUid);
        Assert.Equal("WHOLE BODY", m.BodyPartExamined);
        Assert.Equal(["ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION"], m.ImageType);
        Assert.Equal("Whole Body Bone", m.StudyDescription);
        Assert.Null(m.SeriesDescription);
        Assert.Equal("Whole Body Bone", m.ProtocolName);
        Assert.Equal(new DateOnly(1997, 8, 6), m.SeriesDate);
        Assert.Equal(new TimeOnly(12, 29, 31), m.SeriesTime);
        Assert.Equal("GE Medical Systems", m.Manufacturer);
        Assert.Equal("MILLENNIUM MG", m.ManufacturerModelName);
        Assert.Equal("HFS", m.PatientPosition);
        Assert.Equal(1024, m.Rows);
        Assert.Equal(256, m.Columns);
        Assert.Equal([2.26, 2.26], m.PixelSpacing);
        Assert.Equal(1, m.InstanceCount);
        Assert.Equal(1, m.FrameCount);
        Assert.Null(m.CrossSectional);
        Assert.Empty(m.Problems);

        var nm = Assert.IsType<NuclearMedicineMetadata>(m.NuclearMedicine);
        Assert.Equal(3596452, nm.CountsAccumulated);
        Assert.Equal(1210434, nm.ActualFrameDurationMs);
        Assert.Equal(["1PS"], nm.WholeBodyTechnique);
        Assert.Equal(1899, nm.ScanLengthMm);
        Assert.Equal(1, nm.NumberOfDetectors);
        Assert.Equal(1, nm.NumberOfEnergyWindows);
        Assert.Equal("WHOLE BODY_E", nm.ImageId);
        // GE wrote the tracer only in its private group: the standard sequences are absent.
        Assert.Empty(nm.Radiopharmaceuticals);
        Assert.Empty(nm.EnergyWindows);
        Assert.Empty(nm.Detectors);

        var instance = Assert.Single(m.Instances);
        Assert.Equal("1.3.6.1.4.1.5962.1.1.8.1.1.20040826185059.5457", instance.SopInstanceUid);
        Assert.Equal(1, instance.InstanceNumber);
        Assert.Equal("1.2.840.10008.1.2.1", instance.TransferSyntaxUid);
        Assert.Equal([1], instance.DetectorVector);
        Assert.Equal([1], instance.EnergyWindowVector);
        Assert.Equal(3596452, instance.CountsAccumulated);

        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, m.Content.Kind);
        Assert.Contains("image type WHOLE BODY", m.Content.Reason, StringComparison.Ordinal);
        Assert.Contains("BONE", m.Content.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nm/WG04_NM1_J2KI.dcm", "1.2.840.10008.1.2.4.91")]
    [InlineData("nm/WG04_NM1_J2KR.dcm", "1.2.840.10008.1.2.4.90")]
    [InlineData("nm/WG04_NM1_JLSL.dcm", "1.2.840.10008.1.2.4.80")]
    [InlineData("nm/WG04_NM1_JLSN.dcm", "1.2.840.10008.1.2.4.81")]
    [InlineData("nm/WG04_NM1_JPLL.dcm", "1.2.840.10008.1.2.4.70")]
    [InlineData("nm/WG04_NM1_JPLY.dcm", "1.2.840.10008.1.2.4.51")]
    [InlineData("nm/WG04_NM1_RLE.dcm", "1.2.840.10008.1.2.5")]
    public void Every_encoding_of_nm1_is_described_and_routed_alike(string file, string transferSyntax)
    {
        var m = Extract.Corpus(file);

        Assert.Empty(m.Problems);
        Assert.Equal(transferSyntax, Assert.Single(m.Instances).TransferSyntaxUid);
        Assert.Equal((1024, 256, 1), (m.Rows, m.Columns, m.FrameCount));
        Assert.Equal(3596452, m.NuclearMedicine!.CountsAccumulated);
        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, m.Content.Kind);
    }

    [Fact]
    public void Nm_spect_reconstruction_counts_its_thirteen_frames_and_is_not_a_bone_scan()
    {
        var m = Extract.Corpus("nm/NM-MONO2-16-13x-heart.dcm");

        Assert.Equal("Nuclear Medicine Image Storage", m.SopClassName);
        Assert.Equal("HEART", m.BodyPartExamined);
        Assert.Equal(["DERIVED", "PRIMARY", "RECON TOMO", "EMISSION"], m.ImageType);
        Assert.Equal(13, m.FrameCount);
        Assert.Equal(13, Assert.Single(m.Instances).Frames);
        Assert.Equal((64, 64), (m.Rows, m.Columns));
        Assert.Equal("ACME Products", m.Manufacturer);
        Assert.Equal("P3000", m.ManufacturerModelName);
        Assert.Equal(0, m.NuclearMedicine!.CountsAccumulated);
        Assert.Equal("STEP AND SHOOT", m.NuclearMedicine.TypeOfDetectorMotion);
        Assert.Equal("H Long Ax", m.NuclearMedicine.ImageId);
        Assert.Equal(SeriesContentKind.Other, m.Content.Kind);
        Assert.Contains("RECON TOMO", m.Content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pet_radiopharmaceutical_and_energy_window_come_from_their_sequences()
    {
        var m = Extract.Corpus("interop/structure/GH184_PET_private_nested_SQ.dcm");

        var nm = m.NuclearMedicine!;
        var drug = Assert.Single(nm.Radiopharmaceuticals);
        Assert.Equal("FDG -- fluorodeoxyglucose", drug.Radiopharmaceutical);
        Assert.Equal("FDG -- fluorodeoxyglucose", drug.RadiopharmaceuticalCode);
        Assert.Equal("18F", drug.Radionuclide);
        Assert.Equal(474592928, drug.TotalDose);
        Assert.Equal(new TimeOnly(9, 32, 0), drug.StartTime);
        var window = Assert.Single(nm.EnergyWindows);
        Assert.Null(window.Name);
        Assert.Equal([new EnergyRange(375, 650)], window.Ranges);
        Assert.Equal(240000, nm.ActualFrameDurationMs);
        Assert.Equal("PET  7S 6IT 6 POST", m.SeriesDescription);
        Assert.Equal(SeriesContentKind.Other, m.Content.Kind);
    }

    [Fact]
    public void Anterior_and_posterior_detectors_with_mdp_give_views_windows_and_a_bone_scan_route()
    {
        using var temp = new TempFolder();
        var path = DerivedFiles.Write("nm/WG04_NM1_UNC.dcm", temp.File("antpost.dcm"), ds =>
        {
            ds.Set(DicomElement.FromValues<ushort>(DicomTags.NumberOfDetectors, DicomVR.US, 2));
            ds.Set(DerivedFiles.Sequence(DicomTags.DetectorInformationSequence, Detector("anterior", "LEHR"), Detector("posterior", "LEHR")));
            ds.Set(DerivedFiles.Sequence(DicomTags.EnergyWindowInformationSequence, Window("TC99M", 126.45, 154.55)));
            var drug = new DicomDataset();
            drug.SetString(DicomTags.Radiopharmaceutical, DicomVR.LO, "Tc99m MDP");
            drug.Set(DicomElement.FromDecimals(DicomTags.RadionuclideTotalDose, 740));
            drug.SetString(DicomTags.RadiopharmaceuticalStartTime, DicomVR.TM, "091500");
            drug.Set(DerivedFiles.Sequence(DicomTags.RadionuclideCodeSequence, DerivedFiles.Code("C-163A8", "SRT", "^99m^Technetium")));
            drug.Set(DerivedFiles.Sequence(DicomTags.RadiopharmaceuticalCodeSequence, DerivedFiles.Code("C-B1038", "SRT", "Tc-99m medronate")));
            ds.Set(DerivedFiles.Sequence(DicomTags.RadiopharmaceuticalInformationSequence, drug));
            ds.Set(DicomElement.FromValues<ushort>(DicomTags.DetectorVector, DicomVR.US, 1, 2));
            ds.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, 2));
        });

        var m = Extract.Files(path);

        var nm = m.NuclearMedicine!;
        Assert.Equal(["anterior", "posterior"], nm.Views);
        Assert.Equal([new NmDetector(1, "anterior", null, "LEHR", "PARA"), new NmDetector(2, "posterior", null, "LEHR", "PARA")], nm.Detectors);
        var window = Assert.Single(nm.EnergyWindows);
        Assert.Equal("TC99M", window.Name);
        Assert.Equal([new EnergyRange(126.45, 154.55)], window.Ranges);
        Assert.Equal(new RadiopharmaceuticalInfo("Tc99m MDP", "Tc-99m medronate", "^99m^Technetium", 740, new TimeOnly(9, 15), null),
            Assert.Single(nm.Radiopharmaceuticals));
        Assert.Equal([1, 2], Assert.Single(m.Instances).DetectorVector);
        Assert.Equal(2, m.FrameCount);
        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, m.Content.Kind);
        Assert.Contains("bone agent MDP", m.Content.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Anterior_and_posterior_views_in_separate_instances_are_gathered_and_counts_summed()
    {
        using var temp = new TempFolder();
        string View(int number, string view) => DerivedFiles.Write("nm/WG04_NM1_UNC.dcm", temp.File($"{view}.dcm"), ds =>
        {
            ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, $"1.2.826.0.1.3680043.10.1234.{number}");
            ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, number));
            ds.Set(DerivedFiles.Sequence(DicomTags.DetectorInformationSequence, Detector(view, "LEHR")));
        });

        var m = Extract.Files(View(2, "posterior"), View(1, "anterior"));

        Assert.Equal(["anterior", "posterior"], m.NuclearMedicine!.Views);
        Assert.Equal([new NmDetector(1, "anterior", null, "LEHR", "PARA")], m.NuclearMedicine.Detectors);
        Assert.Equal(2 * 3596452L, m.NuclearMedicine.CountsAccumulated);
        Assert.Equal((2, 2), (m.InstanceCount, m.FrameCount));
    }

    [Fact]
    public void Whole_body_sestamibi_scan_is_not_routed_as_a_bone_scan()
    {
        using var temp = new TempFolder();
        var path = DerivedFiles.Write("nm/WG04_NM1_UNC.dcm", temp.File("mibi.dcm"), ds =>
        {
            var drug = new DicomDataset();
            drug.SetString(DicomTags.Radiopharmaceutical, DicomVR.LO, "Tc-99m Sestamibi");
            ds.Set(DerivedFiles.Sequence(DicomTags.RadiopharmaceuticalInformationSequence, drug));
        });

        var m = Extract.Files(path);

        Assert.Equal("Tc-99m Sestamibi", Assert.Single(m.NuclearMedicine!.Radiopharmaceuticals).Radiopharmaceutical);
        Assert.Equal(SeriesContentKind.Other, m.Content.Kind);
        Assert.Contains("SESTAMIBI", m.Content.Reason, StringComparison.Ordinal);
    }

    private static DicomDataset Detector(string view, string collimator)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CollimatorGridName, DicomVR.SH, collimator);
        item.SetString(DicomTags.CollimatorType, DicomVR.CS, "PARA");
        var code = view == "anterior" ? DerivedFiles.Code("R-10206", "SRT", "anterior") : DerivedFiles.Code("R-10214", "SRT", "posterior");
        item.Set(DerivedFiles.Sequence(DicomTags.ViewCodeSequence, code));
        return item;
    }

    private static DicomDataset Window(string name, double lower, double upper)
    {
        var range = new DicomDataset();
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowLowerLimit, lower));
        range.Set(DicomElement.FromDecimals(DicomTags.EnergyWindowUpperLimit, upper));
        var window = new DicomDataset();
        window.Set(DerivedFiles.Sequence(DicomTags.EnergyWindowRangeSequence, range));
        window.SetString(DicomTags.EnergyWindowName, DicomVR.SH, name);
        return window;
    }
}
