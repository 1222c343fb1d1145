using Imaging.Dicom.Data;
using Imaging.Dicom.Text;
using static Imaging.Dicom.Tests.Text.TestBytes;

namespace Imaging.Dicom.Tests.Text;

/// <summary>Every Defined Term writes what it reads, and the ISO 2022 state returns to the initial sets where
/// PS3.5 6.1.2.5.3 requires.</summary>
public class RoundTripTests
{
    public static TheoryData<string, string> EveryTerm => new()
    {
        { "ISO_IR 6", "Smith^John=Doe" },
        { "ISO_IR 100", "Müller^Jürgen=Françoise Ærø ÿ" },
        { "ISO_IR 101", "Wałęsa^Lech=Dvořák Antonín Őry" },
        { "ISO_IR 109", "Ġużeppi^Ħabib=ĉapelo ŝuo ĝis" },
        { "ISO_IR 110", "Ķēniņš^Ģirts=Šķūnis" },
        { "ISO_IR 144", "Иванов^Пётр=Щукин ё №" },
        { "ISO_IR 127", "قباني^نزار=عربي ؟" },
        { "ISO_IR 126", "Παπαδόπουλος^Γιώργος=ΐΰ ‘€’" },
        { "ISO_IR 138", "שרון^דבורה=עברית" },
        { "ISO_IR 148", "Çelik^Şükrü=İğdır ı" },
        { "ISO_IR 166", "สมชาย^ใจดี=ภาษาไทย" },
        { "ISO_IR 203", "Œuvre^Šárka=€ ž" },
        { "ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ=Yamada" },
        { "ISO_IR 192", "Ђорђе^Émilie=王^小東 😀 ‎" },
        { "GB18030", "王^小东=€ 𠀀 ÿ" },
        { "GBK", "王^小东=中文" },
        { "\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう" },
        { "\\ISO 2022 IR 87\\ISO 2022 IR 159", "Yamada^丂丄=山田 鶚^ボ" },
        { "\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동" },
        { "\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东=" },
        { "ISO 2022 IR 6\\ISO 2022 IR 100", "Müller^Jürgen" },
        { "ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144", "Müller Παπαδόπουλος^Иванов=Jürgen" },
        { "ISO 2022 IR 101\\ISO 2022 IR 148\\ISO 2022 IR 109", "Łódź İstanbul Ħal" },
        { "ISO 2022 IR 127\\ISO 2022 IR 138", "عربي עברית" },
        { "ISO 2022 IR 166\\ISO 2022 IR 100", "ไทย^Café" },
        { "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^丂=やまだ" },
        { "ISO 2022 IR 100\\ISO 2022 IR 87\\ISO 2022 IR 149\\ISO 2022 IR 58", "Café 山田 홍길동 张小东 Çà" },
    };

    [Theory]
    [MemberData(nameof(EveryTerm))]
    public void Person_names_round_trip_for_every_term(string terms, string name)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);

        var bytes = cs.Encode(name, DicomVR.PN);

        Assert.False(cs.IsFallback, string.Join(" ", cs.Warnings));
        Assert.True(cs.CanEncode(name, DicomVR.PN));
        Assert.Equal(name, cs.Decode(bytes, DicomVR.PN));
    }

    [Theory]
    [MemberData(nameof(EveryTerm))]
    public void Multi_line_text_round_trips_for_every_term(string terms, string name)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var text = $"{name}\r\n\t{name}\f{name}";

        Assert.Equal(text, cs.Decode(cs.Encode(text, DicomVR.LT), DicomVR.LT));
        Assert.Equal(text, cs.Decode(cs.Encode(text, DicomVR.UT), DicomVR.UT));
    }

    [Theory]
    [MemberData(nameof(EveryTerm))]
    public void Multiple_values_round_trip_through_an_element_for_every_term(string terms, string name)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);
        string[] values = [name.Replace('^', ' ').Replace('=', ' '), "ASCII", name.Split('=')[^1]];

        var element = DicomElement.FromStrings(new DicomTag(0x0010, 0x1001), DicomVR.LO, values, cs);

        Assert.Equal(values.Select(v => v.Trim()), element.GetStrings(cs));
    }

    [Fact]
    public void Encoder_returns_to_ascii_before_each_value_delimiter_and_at_the_end()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        var bytes = cs.Encode(@"山田\太郎", DicomVR.LO);

        var expected = Concat(Esc("$B"), B(0x3B, 0x33, 0x45, 0x44), Esc("(B"), "\\", Esc("$B"), B(0x42, 0x40, 0x4F, 0x3A), Esc("(B"));
        Assert.Equal(Hex(expected), Hex(bytes));
    }

    [Fact]
    public void Encoder_returns_to_ascii_before_spaces_and_control_characters()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        var bytes = cs.Encode("山 田\r\n", DicomVR.LT);

        var expected = Concat(Esc("$B"), B(0x3B, 0x33), Esc("(B"), " ", Esc("$B"), B(0x45, 0x44), Esc("(B"), "\r\n");
        Assert.Equal(Hex(expected), Hex(bytes));
    }

    [Fact]
    public void Encoder_redesignates_the_initial_g1_set_before_person_name_delimiters()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");

        var bytes = cs.Encode("α^á", DicomVR.PN);

        Assert.Equal(Hex(Concat(Esc("-F"), B(0xE1), Esc("-A"), "^", B(0xE1))), Hex(bytes));
    }

    [Fact]
    public void Backslash_is_text_not_a_delimiter_in_long_text()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        var bytes = cs.Encode(@"山\田", DicomVR.LT);

        // The backslash needs ASCII in G0 but is not a reset point, so the kanji set is designated again after it.
        var expected = Concat(Esc("$B"), B(0x3B, 0x33), Esc("(B"), "\\", Esc("$B"), B(0x45, 0x44), Esc("(B"));
        Assert.Equal(Hex(expected), Hex(bytes));
        Assert.Equal(@"山\田", cs.Decode(bytes, DicomVR.LT));
    }

    [Theory]
    [InlineData(DicomVR.LO, "α\\á")]
    [InlineData(DicomVR.SH, "α\\á")]
    [InlineData(DicomVR.UC, "α\\á")]
    [InlineData(DicomVR.PN, "α\\á")]
    [InlineData(DicomVR.LT, "α\\α")]
    [InlineData(DicomVR.ST, "α\\α")]
    [InlineData(DicomVR.UT, "α\\α")]
    public void Decoder_resets_g1_at_value_delimiters_except_in_text_vrs(DicomVR vr, string expected)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");

        Assert.Equal(expected, cs.Decode(Concat(Esc("-F"), B(0xE1), "\\", B(0xE1)), vr));
    }

    [Theory]
    [InlineData(DicomVR.PN, "α^á=á")]
    [InlineData(DicomVR.LO, "α^α=α")]
    public void Decoder_resets_at_caret_and_equals_only_in_person_names(DicomVR vr, string expected)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");

        Assert.Equal(expected, cs.Decode(Concat(Esc("-F"), B(0xE1), "^", B(0xE1), "=", B(0xE1)), vr));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\f")]
    [InlineData("\t")]
    public void Decoder_resets_at_control_characters(string control)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");

        Assert.Equal($"α{control}á", cs.Decode(Concat(Esc("-F"), B(0xE1), control, B(0xE1)), DicomVR.LT));
    }

    [Fact]
    public void Decoder_resets_a_kanji_g0_at_a_line_break_the_writer_did_not_close()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        var bytes = Concat(Esc("$B"), B(0x3B, 0x33), "\r\nAB");

        Assert.Equal("山\r\nAB", cs.Decode(bytes, DicomVR.LT));
    }

    [Fact]
    public void Romaji_yen_sign_is_a_delimiter_in_multi_valued_vrs_and_text_in_long_text()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 13");
        var bytes = Concat("A\\B~");

        // PS3.5 H.1.1: 05/12 is YEN SIGN and 07/14 OVERLINE in ISO-IR 14, yet 05/12 still separates values.
        Assert.Equal("A\\B\u203E", cs.Decode(bytes, DicomVR.LO));
        Assert.Equal("A\u00A5B\u203E", cs.Decode(bytes, DicomVR.LT));
        Assert.Equal(Hex(bytes), Hex(cs.Encode("A\u00A5B\u203E", DicomVR.LT)));
    }

    [Fact]
    public void Yen_sign_cannot_be_written_in_romaji_where_it_would_read_back_as_a_delimiter()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 13");

        Assert.False(cs.CanEncode("\u00A5", DicomVR.LO));
        Assert.Equal("?", cs.Decode(cs.Encode("\u00A5", DicomVR.LO), DicomVR.LO));
    }

    [Fact]
    public void Characters_no_declared_set_has_are_written_as_question_marks()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");

        Assert.False(cs.CanEncode("Ωmega", DicomVR.LO));
        Assert.Equal("?mega", cs.Decode(cs.Encode("Ωmega", DicomVR.LO), DicomVR.LO));
        Assert.False(DicomCharacterSet.Default.CanEncode("é", DicomVR.PN));
        Assert.Equal("?", DicomCharacterSet.Default.Decode(DicomCharacterSet.Default.Encode("é", DicomVR.PN), DicomVR.PN));
    }

    [Fact]
    public void C1_control_bytes_under_a_96_character_set_survive_a_read_and_rewrite()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");
        var bytes = B(0x41, 0x92, 0x9F, 0x42);

        var text = cs.Decode(bytes, DicomVR.LO);

        Assert.Equal("A\u0092\u009FB", text);
        Assert.Equal(Hex(bytes), Hex(cs.Encode(text, DicomVR.LO)));
    }

    [Fact]
    public void Single_valued_sets_never_write_escape_sequences()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");

        var bytes = cs.Encode("山田 é", DicomVR.LO);

        Assert.DoesNotContain((byte)0x1B, bytes);
        Assert.Equal("?? é", cs.Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Wave_dash_variants_are_written_to_jis_x_0208_but_read_back_as_the_jis_mapping()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        // U+FF5E is what Windows uses for JIS 0x2141; the registered mapping is WAVE DASH U+301C.
        Assert.True(cs.CanEncode("\uFF5E", DicomVR.LO));
        Assert.Equal("\u301C", cs.Decode(cs.Encode("\uFF5E", DicomVR.LO), DicomVR.LO));
    }

    [Fact]
    public void Non_character_set_vrs_are_written_as_ascii_and_read_as_latin1()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192");

        Assert.Equal("Ã©", cs.Decode(B(0xC3, 0xA9), DicomVR.CS));
        Assert.Equal("?", System.Text.Encoding.ASCII.GetString(cs.Encode("é", DicomVR.AE)));
        Assert.False(cs.CanEncode("é", DicomVR.CS));
    }
}
