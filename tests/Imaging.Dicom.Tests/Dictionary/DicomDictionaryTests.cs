using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Tests.Dictionary;

public class DicomDictionaryTests
{
    [Fact]
    public void Finds_patient_name_as_a_single_valued_PN()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0010, 0x0010));

        Assert.NotNull(entry);
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal([DicomVR.PN], entry.VRs);
        Assert.Equal("1", entry.ValueMultiplicity);
        Assert.False(entry.IsRetired);
        Assert.False(entry.IsRepeating);
        Assert.Null(entry.PrivateCreator);
    }

    [Theory]
    [InlineData(0x0008, 0x0018, "SOPInstanceUID", DicomVR.UI, "1")]
    [InlineData(0x0008, 0x0060, "Modality", DicomVR.CS, "1")]
    [InlineData(0x0020, 0x0032, "ImagePositionPatient", DicomVR.DS, "3")]
    [InlineData(0x0020, 0x0037, "ImageOrientationPatient", DicomVR.DS, "6")]
    [InlineData(0x0028, 0x0010, "Rows", DicomVR.US, "1")]
    [InlineData(0x0028, 0x1050, "WindowCenter", DicomVR.DS, "1-n")]
    [InlineData(0x0008, 0x1140, "ReferencedImageSequence", DicomVR.SQ, "1")]
    [InlineData(0x0002, 0x0001, "FileMetaInformationVersion", DicomVR.OB, "1")]
    [InlineData(0x0004, 0x1200, "OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity", DicomVR.UL, "1")]
    public void Knows_keyword_VR_and_multiplicity_of_common_tags(int group, int element, string keyword, DicomVR vr, string vm)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element));

        Assert.NotNull(entry);
        Assert.Equal(keyword, entry.Keyword);
        Assert.Equal(vr, entry.VR);
        Assert.Equal(vm, entry.ValueMultiplicity);
    }

    [Fact]
    public void Pixel_data_allows_OB_or_OW_with_OW_first_for_implicit_VR()
    {
        var entry = DicomDictionary.Find(DicomTag.PixelData);

        Assert.NotNull(entry);
        Assert.Equal("PixelData", entry.Keyword);
        Assert.Equal([DicomVR.OW, DicomVR.OB], entry.VRs);
        Assert.Equal(DicomVR.OW, DicomDictionary.GetImplicitVR(DicomTag.PixelData));
    }

    [Fact]
    public void Smallest_image_pixel_value_is_US_or_SS()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0028, 0x0106));

        Assert.NotNull(entry);
        Assert.Equal("SmallestImagePixelValue", entry.Keyword);
        Assert.Equal([DicomVR.US, DicomVR.SS], entry.VRs);
    }

    [Fact]
    public void LUT_data_may_be_US_SS_or_OW()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0028, 0x3006));

        Assert.NotNull(entry);
        Assert.Equal([DicomVR.US, DicomVR.SS, DicomVR.OW], entry.VRs);
    }

    [Theory]
    [InlineData(0x6000)]
    [InlineData(0x6002)]
    [InlineData(0x601E)]
    [InlineData(0x60FE)]
    public void Finds_overlay_data_in_any_even_60xx_group(int group)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, 0x3000));

        Assert.NotNull(entry);
        Assert.Equal("OverlayData", entry.Keyword);
        Assert.Equal(new DicomTag(0x6000, 0x3000), entry.Tag);
        Assert.True(entry.IsRepeating);
        Assert.Equal([DicomVR.OW, DicomVR.OB], entry.VRs);
    }

    [Theory]
    [InlineData(0x6001)]
    [InlineData(0x6100)]
    [InlineData(0x5FFE)]
    public void Overlay_data_does_not_match_odd_or_neighbouring_groups(int group)
    {
        Assert.Null(DicomDictionary.Find(new DicomTag((ushort)group, 0x3000)));
    }

    [Fact]
    public void Finds_overlay_rows_and_retired_curve_data_in_repeating_groups()
    {
        Assert.Equal("OverlayRows", DicomDictionary.Find(new DicomTag(0x6004, 0x0010))?.Keyword);

        var curve = DicomDictionary.Find(new DicomTag(0x5010, 0x3000));
        Assert.NotNull(curve);
        Assert.Equal("CurveData", curve.Keyword);
        Assert.True(curve.IsRetired);
    }

    [Fact]
    public void Exact_tag_wins_over_a_repeating_range_that_covers_it()
    {
        Assert.Equal("PixelData", DicomDictionary.Find(new DicomTag(0x7FE0, 0x0010))?.Keyword);
        Assert.Equal("VariablePixelData", DicomDictionary.Find(new DicomTag(0x7F20, 0x0010))?.Keyword);
    }

    [Fact]
    public void Element_ranges_match_like_group_ranges()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0020, 0x3142));

        Assert.NotNull(entry);
        Assert.Equal("SourceImageIDs", entry.Keyword);
        Assert.Equal(new DicomTag(0x0020, 0x3100), entry.Tag);
        Assert.True(entry.Matches(new DicomTag(0x0020, 0x31FE)));
        Assert.False(entry.Matches(new DicomTag(0x0020, 0x3200)));
    }

    [Fact]
    public void Retired_entries_are_flagged_and_keyed_without_the_DCMTK_prefix()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0028, 0x0040));

        Assert.NotNull(entry);
        Assert.Equal("ImageFormat", entry.Keyword);
        Assert.True(entry.IsRetired);
        Assert.Same(entry, DicomDictionary.FindByKeyword("ImageFormat"));
        Assert.Null(DicomDictionary.FindByKeyword("RETIRED_ImageFormat"));
    }

    [Fact]
    public void Finds_entries_by_keyword_case_sensitively()
    {
        var entry = DicomDictionary.FindByKeyword("PatientID");

        Assert.NotNull(entry);
        Assert.Equal(new DicomTag(0x0010, 0x0020), entry.Tag);
        Assert.Equal(DicomVR.LO, entry.VR);
        Assert.Null(DicomDictionary.FindByKeyword("patientid"));
        Assert.Null(DicomDictionary.FindByKeyword("NoSuchKeyword"));
        Assert.Equal(new DicomTag(0x6000, 0x3000), DicomDictionary.FindByKeyword("OverlayData")?.Tag);
    }

    [Fact]
    public void Derives_readable_names_from_keywords()
    {
        Assert.Equal("Patient Name", DicomDictionary.Find(new DicomTag(0x0010, 0x0010))?.Name);
        Assert.Equal("SOP Class UID", DicomDictionary.Find(DicomTag.SopClassUid)?.Name);
    }

    [Fact]
    public void Items_and_delimiters_have_no_VR()
    {
        foreach (var tag in new[] { DicomTag.Item, DicomTag.ItemDelimitationItem, DicomTag.SequenceDelimitationItem })
        {
            var entry = DicomDictionary.Find(tag);
            Assert.NotNull(entry);
            Assert.Equal(DicomVR.None, entry.VR);
        }
    }

    [Fact]
    public void Unknown_public_tags_are_not_found()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0010, 0x0011)));
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0019, 0x1010)));
    }

    [Fact]
    public void Finds_siemens_CSA_header_in_whichever_block_the_creator_reserved()
    {
        var inBlock10 = DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0029, 0x1010));
        var inBlock11 = DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0029, 0x1110));

        Assert.NotNull(inBlock10);
        Assert.Same(inBlock10, inBlock11);
        Assert.Equal("CSAImageHeaderInfo", inBlock10.Keyword);
        Assert.Equal(DicomVR.OB, inBlock10.VR);
        Assert.Equal("SIEMENS CSA HEADER", inBlock10.PrivateCreator);
        Assert.Equal(new DicomTag(0x0029, 0x0010), inBlock10.Tag);
        Assert.Equal("CSAImageHeaderType", DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0029, 0x1008))?.Keyword);
    }

    [Fact]
    public void Finds_GE_acquisition_field_of_view()
    {
        var entry = DicomDictionary.FindPrivate("GEMS_ACQU_01", new DicomTag(0x0019, 0x101E));

        Assert.NotNull(entry);
        Assert.Equal("DisplayFieldOfView", entry.Keyword);
        Assert.Equal(DicomVR.DS, entry.VR);
    }

    [Fact]
    public void Private_lookup_ignores_creator_padding()
    {
        Assert.NotNull(DicomDictionary.FindPrivate("SIEMENS CSA HEADER ", new DicomTag(0x0029, 0x1010)));
        Assert.NotNull(DicomDictionary.FindPrivate("GEMS_ACQU_01\0", new DicomTag(0x0019, 0x101E)));
    }

    [Fact]
    public void Private_lookup_needs_the_right_creator_group_and_a_data_element()
    {
        Assert.Null(DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0031, 0x1010)));
        Assert.Null(DicomDictionary.FindPrivate("siemens csa header", new DicomTag(0x0029, 0x1010)));
        Assert.Null(DicomDictionary.FindPrivate("NO SUCH CREATOR", new DicomTag(0x0029, 0x1010)));
        Assert.Null(DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0029, 0x0010)));
        Assert.Null(DicomDictionary.FindPrivate("SIEMENS CSA HEADER", new DicomTag(0x0028, 0x1010)));
    }

    [Fact]
    public void Private_entries_with_a_fixed_element_match_only_that_block()
    {
        Assert.Equal("WorkspaceID", DicomDictionary.FindPrivate("CMR42 CIRCLECVI", new DicomTag(0x0025, 0x1010))?.Keyword);
        Assert.Null(DicomDictionary.FindPrivate("CMR42 CIRCLECVI", new DicomTag(0x0025, 0x1110)));
    }

    [Fact]
    public void Private_entries_can_repeat_over_odd_groups()
    {
        var entry = DicomDictionary.FindPrivate("DLX_ANNOT_01", new DicomTag(0x7003, 0x1204));

        Assert.NotNull(entry);
        Assert.Equal("TextAnnotation", entry.Keyword);
        Assert.Equal(DicomVR.ST, entry.VR);
    }

    [Fact]
    public void Implicit_VR_follows_the_dictionary_and_the_rules_for_special_tags()
    {
        Assert.Equal(DicomVR.PN, DicomDictionary.GetImplicitVR(new DicomTag(0x0010, 0x0010)));
        Assert.Equal(DicomVR.US, DicomDictionary.GetImplicitVR(new DicomTag(0x0028, 0x0106)));
        Assert.Equal(DicomVR.OW, DicomDictionary.GetImplicitVR(new DicomTag(0x6002, 0x3000)));
        Assert.Equal(DicomVR.UL, DicomDictionary.GetImplicitVR(new DicomTag(0x0010, 0x0000)));
        Assert.Equal(DicomVR.UL, DicomDictionary.GetImplicitVR(new DicomTag(0x0029, 0x0000)));
        Assert.Equal(DicomVR.LO, DicomDictionary.GetImplicitVR(new DicomTag(0x0029, 0x0011)));
        Assert.Equal(DicomVR.None, DicomDictionary.GetImplicitVR(DicomTag.Item));
        Assert.Equal(DicomVR.UN, DicomDictionary.GetImplicitVR(new DicomTag(0x0010, 0x0011)));
    }

    [Fact]
    public void Implicit_VR_of_a_private_element_needs_its_creator()
    {
        var tag = new DicomTag(0x0029, 0x1010);

        Assert.Equal(DicomVR.OB, DicomDictionary.GetImplicitVR(tag, "SIEMENS CSA HEADER"));
        Assert.Equal(DicomVR.UN, DicomDictionary.GetImplicitVR(tag));
        Assert.Equal(DicomVR.UN, DicomDictionary.GetImplicitVR(tag, "SOMEONE ELSE"));
    }

    [Fact]
    public void Public_entries_cover_PS36_with_unique_keywords()
    {
        var entries = DicomDictionary.PublicEntries;

        Assert.True(entries.Count > 4500, $"only {entries.Count} public entries");
        Assert.Equal(entries.Count, entries.Select(e => e.Keyword).Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.Null(e.PrivateCreator));
        Assert.All(entries, e => Assert.Same(e, DicomDictionary.Find(e.Tag)));
    }

    [Fact]
    public void Every_private_entry_is_found_through_its_own_creator()
    {
        var entries = DicomDictionary.PrivateEntries;

        Assert.True(entries.Count > 2000, $"only {entries.Count} private entries");
        Assert.All(entries, e =>
        {
            // Relocatable entries hold only the element byte; put them in block 0x10 as a reader would see them.
            var element = e.Tag.Element < 0x100 ? (ushort)(0x1000 | e.Tag.Element) : e.Tag.Element;
            Assert.Same(e, DicomDictionary.FindPrivate(e.PrivateCreator!, new DicomTag(e.Tag.Group, element)));
        });
    }
}
