using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests;

/// <summary>CT and MR geometry: real single images (values read with dcmdump) and series assembled from copies of a real
/// slice at chosen positions.</summary>
public sealed class CrossSectionalMetadataTests
{
    private const string ChestCt = "ct_mr/CT_LCTSC_chest_TCIA.dcm";

    [Fact]
    public void Nema_ct1_slice_geometry_and_kvp_are_read_as_dcmdump_shows_them()
    {
        var m = Extract.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");

        Assert.Equal("CT", m.Modality);
        Assert.Equal("CT Image Storage", m.SopClassName);
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], m.ImageType);
        Assert.Equal("e+1", m.StudyDescription);
        Assert.Equal(new DateOnly(1997, 4, 30), m.SeriesDate);
        Assert.Equal(new TimeOnly(11, 27, 49), m.SeriesTime);
        Assert.Equal(("GE MEDICAL SYSTEMS", "RHAPSODE"), (m.Manufacturer, m.ManufacturerModelName));
        Assert.Equal("FFS", m.PatientPosition);
        Assert.Equal((512, 512), (m.Rows, m.Columns));
        Assert.Equal([0.661468, 0.661468], m.PixelSpacing);
        Assert.Null(m.NuclearMedicine);

        var ct = m.CrossSectional!;
        Assert.Equal(5, ct.SliceThickness);
        Assert.Equal(5, ct.SpacingBetweenSlices);
        Assert.Equal(120, ct.Kvp);
        Assert.Equal([1, 0, 0, 0, 1, 0], ct.ImageOrientationPatient);
        Assert.Equal([0, 0, 1], ct.Normal);
        Assert.Equal(1, ct.SliceCount);
        Assert.Equal([-75.7], ct.SlicePositions);
        Assert.Null(ct.SliceSpacing);
        Assert.True(ct.UniformSpacing);
        Assert.Empty(ct.Gaps);
        Assert.Equal([-158.135803, -179.035797, -75.699997], Assert.Single(m.Instances).ImagePositionPatient);
        Assert.Equal(SeriesContentKind.Other, m.Content.Kind);
    }

    [Fact]
    public void Oblique_mr_slice_is_positioned_along_its_own_normal()
    {
        var m = Extract.Corpus("ct_mr/MR_brain_TS1_ELE.dcm");

        Assert.Equal(["ORIGINAL", "PRIMARY", "M", "ND", "MOSAIC"], m.ImageType);
        Assert.Equal(("SIEMENS", "TrioTim"), (m.Manufacturer, m.ManufacturerModelName));
        Assert.Equal("ax_asc_35sl", m.SeriesDescription);
        Assert.Equal("Research^MCBI_TESTING", m.StudyDescription);
        Assert.Equal([3.25, 3.25], m.PixelSpacing);
        var mr = m.CrossSectional!;
        Assert.Equal(3, mr.SliceThickness);
        Assert.Equal(3.6000000030835, mr.SpacingBetweenSlices);
        Assert.Null(mr.Kvp);
        Assert.Equal([0, 0.108, 0.9942], mr.Normal);
        Assert.Equal([-77.9642], mr.SlicePositions);
        Assert.Equal(SeriesContentKind.Other, m.Content.Kind);
    }

    [Theory]
    [InlineData("ct_mr/MR_brain_TS2_ILE.dcm")]
    [InlineData("ct_mr/MR_brain_TS3_EBE.dcm")]
    [InlineData("ct_mr/MR_brain_TS4_RLE.dcm")]
    [InlineData("ct_mr/MR_brain_TS5_JPLL.dcm")]
    [InlineData("ct_mr/MR_brain_TS6_JPLL_gdcm.dcm")]
    [InlineData("ct_mr/MR_brain_TS7_JLSL_gdcm.dcm")]
    [InlineData("ct_mr/MR_brain_TS8_JLSL_dcmtk.dcm")]
    [InlineData("ct_mr/MR_brain_TS9_J2KR.dcm")]
    public void Every_encoding_of_the_mr_brain_slice_gives_the_same_geometry(string file)
    {
        var reference = Extract.Corpus("ct_mr/MR_brain_TS1_ELE.dcm").CrossSectional!;
        var m = Extract.Corpus(file);

        Assert.Empty(m.Problems);
        Assert.Equal((384, 384), (m.Rows, m.Columns));
        Assert.Equal(reference.SlicePositions, m.CrossSectional!.SlicePositions);
        Assert.Equal(reference.Normal, m.CrossSectional.Normal);
    }

    [Fact]
    public void Enhanced_ct_frames_are_positioned_from_the_functional_groups()
    {
        var m = Extract.Corpus("ct_mr/CT_enhanced_eCT_Supplemental.dcm");

        Assert.Equal("Enhanced CT Image Storage", m.SopClassName);
        Assert.Equal(2, m.FrameCount);
        Assert.Equal([0.388672, 0.388672], m.PixelSpacing);
        Assert.Equal(new DateOnly(2006, 12, 19), m.SeriesDate);
        var ct = m.CrossSectional!;
        Assert.Equal(10, ct.SliceThickness);
        // Orientation [-1 0 0 0 1 0] has normal (0, 0, -1): z = -159 and -149 lie at 159 and 149 along it.
        Assert.Equal([-1, 0, 0, 0, 1, 0], ct.ImageOrientationPatient);
        Assert.Equal([0, 0, -1], ct.Normal);
        Assert.Equal([149, 159], ct.SlicePositions);
        Assert.Equal(10, ct.SliceSpacing);
        Assert.True(ct.UniformSpacing);
        Assert.Equal(0, ct.UnpositionedImages);
    }

    [Fact]
    public void Evenly_spaced_slices_given_in_any_order_are_sorted_and_uniform()
    {
        using var temp = new TempFolder();
        double[] z = [-631.2, -640.2, -634.2, -637.2, -628.2];
        var paths = z.Select((value, i) => DerivedFiles.Slice(ChestCt, temp.File($"{i}.dcm"), i + 1, value)).ToArray();

        var m = Extract.Files(paths);

        var ct = m.CrossSectional!;
        Assert.Equal(5, ct.SliceCount);
        Assert.Equal([-640.2, -637.2, -634.2, -631.2, -628.2], ct.SlicePositions);
        Assert.Equal(3, ct.SliceSpacing);
        Assert.True(ct.UniformSpacing);
        Assert.Empty(ct.Gaps);
        Assert.Equal(5, m.InstanceCount);
        Assert.Equal(5, m.FrameCount);
        Assert.Equal([1, 2, 3, 4, 5], m.Instances.Select(i => i.InstanceNumber!.Value));
    }

    [Fact]
    public void A_missing_slice_shows_as_a_gap_and_non_uniform_spacing()
    {
        using var temp = new TempFolder();
        double[] z = [-640.2, -637.2, -634.2, -628.2, -625.2, -622.2];
        var paths = z.Select((value, i) => DerivedFiles.Slice(ChestCt, temp.File($"{i}.dcm"), i + 1, value)).ToArray();

        var ct = Extract.Files(paths).CrossSectional!;

        Assert.Equal(3, ct.SliceSpacing);
        Assert.False(ct.UniformSpacing);
        Assert.Equal([new SliceGap(-634.2, -628.2, 6, 1)], ct.Gaps);
    }

    [Fact]
    public void Repeated_locations_and_a_localizer_in_another_plane_stay_out_of_the_positions()
    {
        using var temp = new TempFolder();
        var paths = new List<string>
        {
            DerivedFiles.Slice(ChestCt, temp.File("1.dcm"), 1, -640.2),
            DerivedFiles.Slice(ChestCt, temp.File("2.dcm"), 2, -637.2),
            DerivedFiles.Slice(ChestCt, temp.File("3.dcm"), 3, -637.2),
            DerivedFiles.Slice(ChestCt, temp.File("4.dcm"), 4, -600, ds =>
                ds.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 0, -1))),
        };

        var ct = Extract.Files([.. paths]).CrossSectional!;

        Assert.Equal([-640.2, -637.2], ct.SlicePositions);
        Assert.Equal(1, ct.DuplicatePositions);
        Assert.Equal(1, ct.OtherOrientationSlices);
        Assert.Equal([1, 0, 0, 0, 1, 0], ct.ImageOrientationPatient);
    }

    [Fact]
    public void Ct_series_with_lumbar_spine_body_part_is_routed_to_ct_spine()
    {
        using var temp = new TempFolder();
        var paths = Enumerable.Range(0, 3).Select(i => DerivedFiles.Slice(ChestCt, temp.File($"{i}.dcm"), i + 1, -640.2 + 3 * i,
            ds => ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "LSPINE"))).ToArray();

        var m = Extract.Files(paths);

        Assert.Equal(SeriesContentKind.CtSpine, m.Content.Kind);
        Assert.Equal("CT, body part LSPINE", m.Content.Reason);
    }
}
