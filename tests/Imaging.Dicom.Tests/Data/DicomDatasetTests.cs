using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.Data;

public class DicomDatasetTests
{
    private static DicomElement Element(ushort group, ushort element, string value = "X") =>
        DicomElement.FromStrings(new DicomTag(group, element), DicomVR.LO, [value]);

    // ---- order, replace, remove -----------------------------------------------------------------------------

    [Fact]
    public void Attributes_are_kept_in_ascending_tag_order_whatever_the_insertion_order()
    {
        var ds = new DicomDataset();
        foreach (var (g, e) in new (ushort, ushort)[] { (0x0010, 0x0020), (0x0008, 0x0018), (0x7FE0, 0x0010), (0x0008, 0x0005), (0x0010, 0x0010), (0x0009, 0x1001) })
            ds.Set(Element(g, e));
        Assert.Equal(
            new[] { "(0008,0005)", "(0008,0018)", "(0009,1001)", "(0010,0010)", "(0010,0020)", "(7FE0,0010)" },
            ds.Select(a => a.Tag.ToString()));
        Assert.Equal(6, ds.Count);
    }

    [Fact]
    public void Set_replaces_an_attribute_with_the_same_tag_in_place()
    {
        var ds = new DicomDataset([Element(0x0008, 0x0005), Element(0x0010, 0x0010, "Old"), Element(0x0020, 0x0010)]);
        ds.Set(Element(0x0010, 0x0010, "New"));
        Assert.Equal(3, ds.Count);
        Assert.Equal("New", ds.GetString(new DicomTag(0x0010, 0x0010)));
        Assert.Equal(new DicomTag(0x0010, 0x0010), ds.ElementAt(1).Tag);
        // Replacing the last one takes the same path as appending would.
        ds.Set(Element(0x0020, 0x0010, "Last"));
        Assert.Equal(3, ds.Count);
        Assert.Equal("Last", ds.GetString(new DicomTag(0x0020, 0x0010)));
    }

    [Fact]
    public void Remove_and_RemoveWhere_take_attributes_out()
    {
        var ds = new DicomDataset([Element(0x0008, 0x0005), Element(0x0009, 0x0010), Element(0x0009, 0x1001), Element(0x0010, 0x0010)]);
        Assert.True(ds.Remove(new DicomTag(0x0008, 0x0005)));
        Assert.False(ds.Remove(new DicomTag(0x0008, 0x0005)));
        Assert.False(ds.Contains(new DicomTag(0x0008, 0x0005)));
        ds.RemoveWhere(a => a.Tag.IsPrivate);
        Assert.Equal([new DicomTag(0x0010, 0x0010)], ds.Select(a => a.Tag));
    }

    [Fact]
    public void Lookups_distinguish_elements_sequences_and_absence()
    {
        var sq = new DicomSequence(new DicomTag(0x0008, 0x1140));
        var ds = new DicomDataset([Element(0x0010, 0x0010), sq]);
        Assert.NotNull(ds.GetElement(new DicomTag(0x0010, 0x0010)));
        Assert.Null(ds.GetSequence(new DicomTag(0x0010, 0x0010)));
        Assert.Same(sq, ds.GetSequence(new DicomTag(0x0008, 0x1140)));
        Assert.Null(ds.GetElement(new DicomTag(0x0008, 0x1140)));
        Assert.Null(ds[new DicomTag(0x0010, 0x0020)]);
        Assert.False(ds.TryGet(new DicomTag(0x0010, 0x0020), out _));
        Assert.True(ds.TryGet(new DicomTag(0x0008, 0x1140), out var found));
        Assert.Same(sq, found);
        Assert.Same(ds, sq.Owner);
    }

    [Fact]
    public void Items_know_their_sequence_and_inherit_its_owners_character_set()
    {
        var item = new DicomDataset();
        var sq = new DicomSequence(new DicomTag(0x0040, 0xA730), [item]);
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.Set(sq);
        Assert.Same(sq, item.Parent);
        Assert.Equal(["ISO_IR 192"], item.CharacterSet.Terms);
        item.SetString(new DicomTag(0x0040, 0xA123), DicomVR.PN, "Łukasz^Żółć");
        Assert.Equal(Encoding.UTF8.GetBytes("Łukasz^Żółć"), item.GetElement(new DicomTag(0x0040, 0xA123))!.Buffer.GetMemory().ToArray());
        Assert.Equal("Łukasz^Żółć", item.GetString(new DicomTag(0x0040, 0xA123)));

        // An item's own (0008,0005) wins.
        item.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        Assert.Equal(["ISO_IR 100"], item.CharacterSet.Terms);
        Assert.Equal(["ISO_IR 192"], ds.CharacterSet.Terms);
    }

    [Fact]
    public void The_character_set_follows_changes_to_0008_0005()
    {
        var ds = new DicomDataset();
        Assert.Empty(ds.CharacterSet.Terms);
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        Assert.Equal(["ISO_IR 100"], ds.CharacterSet.Terms);
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        Assert.Equal(["ISO_IR 192"], ds.CharacterSet.Terms);
        ds.Remove(DicomTag.SpecificCharacterSet);
        Assert.Empty(ds.CharacterSet.Terms);
        // An empty first value (default repertoire before ISO 2022 extensions) is kept.
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "", "ISO 2022 IR 87");
        Assert.Equal(["", "ISO 2022 IR 87"], ds.CharacterSet.Terms);
    }

    // ---- typed accessors ------------------------------------------------------------------------------------

    [Fact]
    public void String_accessors_return_null_or_empty_for_absent_and_empty_elements()
    {
        var ds = new DicomDataset();
        ds.Set(new DicomElement(new DicomTag(0x0008, 0x0050), DicomVR.SH, DicomBuffer.Empty));
        ds.SetString(new DicomTag(0x0008, 0x0008), DicomVR.CS, "ORIGINAL", "PRIMARY");
        Assert.Null(ds.GetString(new DicomTag(0x0010, 0x0010)));
        Assert.Equal("", ds.GetString(new DicomTag(0x0008, 0x0050)));
        Assert.Null(ds.GetSingleString(new DicomTag(0x0008, 0x0050)));
        Assert.Empty(ds.GetStrings(new DicomTag(0x0010, 0x0010)));
        Assert.Equal("ORIGINAL", ds.GetSingleString(new DicomTag(0x0008, 0x0008)));
        Assert.Equal(["ORIGINAL", "PRIMARY"], ds.GetStrings(new DicomTag(0x0008, 0x0008)));
        Assert.Equal(@"ORIGINAL\PRIMARY", ds.GetString(new DicomTag(0x0008, 0x0008)));
    }

    [Fact]
    public void GetInteger_reads_every_integer_encoding()
    {
        var ds = new DicomDataset();
        ds.SetValues(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)512, (ushort)65535);
        ds.SetValues(new DicomTag(0x0028, 0x0106), DicomVR.SS, (short)-2000);
        ds.SetValues(new DicomTag(0x0028, 0x9001), DicomVR.UL, 4_000_000_000u);
        ds.SetValues(new DicomTag(0x0018, 0x6020), DicomVR.SL, -5);
        ds.SetValues(new DicomTag(0x0018, 0x9219), DicomVR.SV, -9_000_000_000L);
        ds.SetValues(new DicomTag(0x0018, 0x9220), DicomVR.UV, 9_000_000_000UL);
        ds.SetString(new DicomTag(0x0020, 0x0013), DicomVR.IS, " +12.0", "7");
        ds.SetString(new DicomTag(0x0018, 0x0050), DicomVR.DS, "2.9");
        // Implicit VR tags missing from the dictionary: two or four bytes.
        ds.Set(new DicomElement(new DicomTag(0x0019, 0x1001), DicomVR.UN, DicomBuffer.FromBytes(new byte[] { 0x00, 0x02 })));
        ds.Set(new DicomElement(new DicomTag(0x0019, 0x1002), DicomVR.UN, DicomBuffer.FromBytes(new byte[] { 1, 0, 1, 0 })));

        Assert.Equal(512, ds.GetInteger(new DicomTag(0x0028, 0x0010)));
        Assert.Equal(65535, ds.GetInteger(new DicomTag(0x0028, 0x0010), 1));
        Assert.Equal(-2000, ds.GetInteger(new DicomTag(0x0028, 0x0106)));
        Assert.Equal(4_000_000_000L, ds.GetInteger(new DicomTag(0x0028, 0x9001)));
        Assert.Equal(-5, ds.GetInteger(new DicomTag(0x0018, 0x6020)));
        Assert.Equal(-9_000_000_000L, ds.GetInteger(new DicomTag(0x0018, 0x9219)));
        Assert.Equal(9_000_000_000L, ds.GetInteger(new DicomTag(0x0018, 0x9220)));
        Assert.Equal(12, ds.GetInteger(new DicomTag(0x0020, 0x0013)));
        Assert.Equal(7, ds.GetInteger(new DicomTag(0x0020, 0x0013), 1));
        Assert.Equal(2, ds.GetInteger(new DicomTag(0x0018, 0x0050)));
        Assert.Equal(512, ds.GetInteger(new DicomTag(0x0019, 0x1001)));
        Assert.Equal(65537, ds.GetInteger(new DicomTag(0x0019, 0x1002)));
        Assert.Null(ds.GetInteger(new DicomTag(0x0028, 0x0011)));
    }

    [Fact]
    public void GetInteger_refuses_a_text_VR_that_is_not_a_number()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0060), DicomVR.CS, "CT");
        Assert.Throws<DicomValueException>(() => ds.GetInteger(new DicomTag(0x0008, 0x0060)));
    }

    [Fact]
    public void GetDecimal_reads_DS_FL_FD_and_integers()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0028, 0x0030), DicomVR.DS, "0.5", "0,75");
        ds.SetValues(new DicomTag(0x0008, 0x9459), DicomVR.FL, 25.5f);
        ds.SetValues(new DicomTag(0x0018, 0x9087), DicomVR.FD, 1000.125);
        ds.SetValues(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)3);
        Assert.Equal(0.5, ds.GetDecimal(new DicomTag(0x0028, 0x0030)));
        Assert.Equal(0.75, ds.GetDecimal(new DicomTag(0x0028, 0x0030), 1));
        Assert.Equal(25.5, ds.GetDecimal(new DicomTag(0x0008, 0x9459)));
        Assert.Equal(1000.125, ds.GetDecimal(new DicomTag(0x0018, 0x9087)));
        Assert.Equal(3.0, ds.GetDecimal(new DicomTag(0x0028, 0x0010)));
        Assert.Null(ds.GetDecimal(new DicomTag(0x0028, 0x1050)));
        Assert.Equal(1000.125, ds.GetValue<double>(new DicomTag(0x0018, 0x9087)));
        Assert.Null(ds.GetValue<double>(new DicomTag(0x0018, 0x9088)));
    }

    // ---- private tags ---------------------------------------------------------------------------------------

    [Fact]
    public void The_creator_of_a_private_element_is_read_from_its_block()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "SIEMENS CSA HEADER");
        ds.SetString(new DicomTag(0x0029, 0x0011), DicomVR.LO, "SIEMENS MEDCOM HEADER ");
        Assert.Equal("SIEMENS CSA HEADER", ds.GetPrivateCreator(new DicomTag(0x0029, 0x1010)));
        Assert.Equal("SIEMENS MEDCOM HEADER", ds.GetPrivateCreator(new DicomTag(0x0029, 0x11FF)));
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0029, 0x1210))); // block 12 not reserved
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0029, 0x0010))); // a creator has no creator
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0029, 0x0100))); // not in a block
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0028, 0x1010))); // not private
    }

    [Fact]
    public void A_private_tag_is_found_in_the_block_its_creator_reserved_wherever_that_is()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "OTHER");
        ds.SetString(new DicomTag(0x0009, 0x0012), DicomVR.LO, "ACME 1.0");
        Assert.Equal(new DicomTag(0x0009, 0x1205), ds.GetPrivateTag(0x0009, "ACME 1.0", 0x05));
        Assert.Equal(new DicomTag(0x0009, 0x10FF), ds.GetPrivateTag(0x0009, "OTHER", 0xFF));
        Assert.Null(ds.GetPrivateTag(0x0009, "acme 1.0", 0x05)); // creators compare exactly
        Assert.Null(ds.GetPrivateTag(0x0011, "ACME 1.0", 0x05));
        Assert.Equal(2, ds.Count);
    }

    [Fact]
    public void Reserving_takes_the_first_free_block_once()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "OTHER");
        ds.SetString(new DicomTag(0x0009, 0x0012), DicomVR.LO, "THIRD");
        var tag = ds.GetPrivateTag(0x0009, "ACME 1.0", 0x01, reserve: true);
        Assert.Equal(new DicomTag(0x0009, 0x1101), tag);
        Assert.Equal("ACME 1.0", ds.GetString(new DicomTag(0x0009, 0x0011)));
        Assert.Equal(DicomVR.LO, ds.GetElement(new DicomTag(0x0009, 0x0011))!.VR);
        Assert.Equal(new DicomTag(0x0009, 0x1102), ds.GetPrivateTag(0x0009, "ACME 1.0", 0x02, reserve: true));
        Assert.Equal(3, ds.Count);
        ds.SetString(tag!.Value, DicomVR.LO, "value");
        Assert.Equal("ACME 1.0", ds.GetPrivateCreator(tag.Value));
    }

    [Fact]
    public void Reserving_fails_in_a_full_group_and_in_an_even_group()
    {
        var ds = new DicomDataset();
        for (ushort block = 0x10; block <= 0xFF; block++) ds.SetString(new DicomTag(0x0011, block), DicomVR.LO, $"C{block}");
        Assert.Null(ds.GetPrivateTag(0x0011, "ACME", 0x01, reserve: true));
        Assert.Equal(new DicomTag(0x0011, 0xFF01), ds.GetPrivateTag(0x0011, "C255", 0x01));
        Assert.Throws<ArgumentException>(() => ds.GetPrivateTag(0x0010, "ACME", 0x01, reserve: true));
    }
}
