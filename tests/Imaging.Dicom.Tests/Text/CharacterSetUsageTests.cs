using Imaging.Dicom.Data;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Tests.Text;

/// <summary>The character set as datasets use it: parsed from (0008,0005), inherited by items, cached, and cheap on
/// the plain ASCII values that make up most of a file.</summary>
public class CharacterSetUsageTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag OtherPatientNames = new(0x0010, 0x1001);
    private static readonly DicomTag ReferencedStudySequence = new(0x0008, 0x1110);

    [Fact]
    public void Dataset_writes_and_reads_names_in_its_declared_character_set()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "", "ISO 2022 IR 87");
        ds.SetString(PatientName, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        ds.SetString(OtherPatientNames, DicomVR.PN, "山田^太郎", "やまだ^たろう");

        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", ds.GetString(PatientName));
        Assert.Equal(["山田^太郎", "やまだ^たろう"], ds.GetStrings(OtherPatientNames));
        Assert.Equal("太郎", DicomPersonName.Split(ds.GetPersonName(PatientName)!.Ideographic)[1]);
        Assert.Contains((byte)0x1B, ds.GetElement(PatientName)!.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void Sequence_items_inherit_the_character_set_of_the_enclosing_dataset()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 144");
        var item = new DicomDataset();
        ds.Set(new DicomSequence(ReferencedStudySequence, [item]));
        item.SetString(PatientName, DicomVR.PN, "Иванов^Пётр");

        Assert.Same(ds.CharacterSet, item.CharacterSet);
        Assert.Equal([0xB8, 0xD2, 0xD0], item.GetElement(PatientName)!.Buffer.GetMemory().ToArray()[..3]);
        Assert.Equal("Иванов^Пётр", item.GetString(PatientName));
    }

    [Fact]
    public void Character_sets_are_cached_per_distinct_term_list()
    {
        var a = DicomCharacterSet.FromSpecificCharacterSet(["", "ISO 2022 IR 149"]);
        var b = DicomCharacterSet.FromSpecificCharacterSet(new List<string> { "", "ISO 2022 IR 149" });
        var c = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 149");

        Assert.Same(a, b);
        Assert.Same(a, c);
        Assert.NotSame(a, DicomCharacterSet.FromSpecificCharacterSet(["ISO 2022 IR 6", "ISO 2022 IR 149"]));
        Assert.Same(DicomCharacterSet.Default, DicomCharacterSet.FromSpecificCharacterSet([]));
        Assert.Same(DicomCharacterSet.Default, DicomCharacterSet.FromSpecificCharacterSet([" "]));
    }

    [Fact]
    public void Terms_are_kept_as_given()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87\ISO 2022 IR 159");

        Assert.Equal(["", "ISO 2022 IR 87", "ISO 2022 IR 159"], cs.Terms);
        Assert.Equal(@"\ISO 2022 IR 87\ISO 2022 IR 159", cs.ToString());
        Assert.Empty(cs.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ISO_IR 100")]
    [InlineData(@"\ISO 2022 IR 87")]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    public void Ascii_values_decode_without_allocating_more_than_the_string(string terms)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var bytes = "DOE^JOHN^MIDDLE^DR^JR  ANOTHER VALUE\\AND A THIRD ONE"u8.ToArray();
        cs.Decode(bytes, DicomVR.PN);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = cs.Decode(bytes, DicomVR.PN);
        var decoding = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var copy = new string('x', bytes.Length);
        var stringOnly = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(copy.Length, text.Length);
        Assert.Equal(stringOnly, decoding);
    }

    [Fact]
    public void Cached_lookups_do_not_allocate()
    {
        string[] terms = ["", "ISO 2022 IR 58"];
        DicomCharacterSet.FromSpecificCharacterSet(terms);

        var before = GC.GetAllocatedBytesForCurrentThread();
        DicomCharacterSet.FromSpecificCharacterSet(terms);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Concurrent_first_use_of_the_multi_byte_tables_is_safe()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87\ISO 2022 IR 159\ISO 2022 IR 149\ISO 2022 IR 58");
        const string text = "山田 丂 홍길동 张小东";

        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = cs.Decode(cs.Encode(text, DicomVR.LO), DicomVR.LO));

        Assert.All(results, r => Assert.Equal(text, r));
    }

    [Fact]
    public void Gb18030_uses_the_2005_mappings_for_codes_that_left_the_private_use_area()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("GB18030");
        // A6D9 PRESENTATION FORM FOR VERTICAL COMMA, A8BC LATIN SMALL LETTER M WITH ACUTE, FE51 U+20087, FE59 U+9FB4.
        byte[] bytes = [0xA6, 0xD9, 0xA8, 0xBC, 0xFE, 0x51, 0xFE, 0x59];
        var text = "\uFE10\u1E3F" + char.ConvertFromUtf32(0x20087) + "\u9FB4";

        Assert.Equal(text, cs.Decode(bytes, DicomVR.LO));
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(cs.Encode(text, DicomVR.LO)));
        Assert.Equal(text, DicomCharacterSet.FromSpecificCharacterSet("GBK").Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Legacy_code_pages_work_under_invariant_globalization()
    {
        // Directory.Build.props sets InvariantGlobalization; the code page tables must not depend on ICU.
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        string[] terms = ["ISO_IR 101", "ISO_IR 166", "GB18030", "GBK", @"\ISO 2022 IR 87\ISO 2022 IR 159", @"\ISO 2022 IR 149", "Shift_JIS"];
        const string text = "Łódź สมชาย 山田 丂 홍 张";

        foreach (var t in terms)
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(t);
            var decoded = cs.Decode(cs.Encode(text, DicomVR.LO), DicomVR.LO);
            Assert.Contains(decoded, ch => ch > 0x7F);
        }
    }

    [Fact]
    public void Gbk_writes_only_its_own_repertoire_while_gb18030_writes_everything()
    {
        var gbk = DicomCharacterSet.FromSpecificCharacterSet("GBK");
        var gb18030 = DicomCharacterSet.FromSpecificCharacterSet("GB18030");
        const string text = "中文𠀀";

        Assert.False(gbk.CanEncode(text, DicomVR.LO));
        Assert.Equal("中文?", gbk.Decode(gbk.Encode(text, DicomVR.LO), DicomVR.LO));
        Assert.True(gb18030.CanEncode(text, DicomVR.LO));
        Assert.Equal(text, gb18030.Decode(gb18030.Encode(text, DicomVR.LO), DicomVR.LO));
    }
}
