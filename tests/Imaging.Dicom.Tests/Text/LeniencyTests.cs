using Imaging.Dicom.Data;
using Imaging.Dicom.Text;
using static Imaging.Dicom.Tests.Text.TestBytes;

namespace Imaging.Dicom.Tests.Text;

/// <summary>What real files get wrong: misspelled or foreign terms, impossible combinations, and bytes the declared
/// repertoire does not have. None of it may throw.</summary>
public class LeniencyTests
{
    [Theory]
    [InlineData("ISO_IR100")]
    [InlineData("ISO IR 100")]
    [InlineData("iso_ir 100")]
    [InlineData("ISO-IR 100")]
    [InlineData("ISO_IR_100")]
    [InlineData("ISO-8859-1")]
    [InlineData("latin1")]
    public void Misspelled_latin1_terms_are_read_as_iso_ir_100_with_a_warning(string term)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet([term]);

        Assert.Equal("Müller", cs.Decode([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], DicomVR.PN));
        Assert.True(cs.IsFallback);
        Assert.Contains("ISO_IR 100", Assert.Single(cs.Warnings));
    }

    [Theory]
    [InlineData("ISO_IR192", "Ж")]
    [InlineData("UTF-8", "Ж")]
    [InlineData("ISO2022 IR 87", "山")]
    [InlineData("ISO_IR 87", "山")]
    public void Misspelled_terms_of_other_sets_are_recognised(string term, string expected)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["", term]);
        var single = DicomCharacterSet.FromSpecificCharacterSet([term]);
        var bytes = expected == "Ж" ? B(0xD0, 0x96) : Concat(Esc("$B"), B(0x3B, 0x33), Esc("(B"));

        Assert.Equal(expected, (expected == "Ж" ? single : cs).Decode(bytes, DicomVR.LO));
        Assert.True((expected == "Ж" ? single : cs).IsFallback);
    }

    [Theory]
    [InlineData("GB18030 ")]
    [InlineData(" GB18030")]
    [InlineData("GB18030\0")]
    public void Padding_around_a_term_is_not_a_misspelling(string term)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet([term]);

        Assert.False(cs.IsFallback);
        Assert.Equal("王", cs.Decode([0xCD, 0xF5], DicomVR.PN));
    }

    [Fact]
    public void Unknown_term_reads_well_formed_utf8_as_utf8_and_other_bytes_as_latin1()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["WINDOWS-9999"]);

        Assert.True(cs.IsFallback);
        Assert.Equal("Grüße", cs.Decode([0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65], DicomVR.LO));
        Assert.Equal("Grüße", cs.Decode([0x47, 0x72, 0xFC, 0xDF, 0x65], DicomVR.LO));
        Assert.Equal("Gr??e", cs.Decode(cs.Encode("Grüße", DicomVR.LO), DicomVR.LO));
    }

    [Fact]
    public void Absent_character_set_guesses_like_an_unknown_one_without_warnings()
    {
        var cs = DicomCharacterSet.Default;

        Assert.Empty(cs.Warnings);
        Assert.Equal("Grüße", cs.Decode([0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65], DicomVR.LO));
        Assert.Equal("Grüße", cs.Decode([0x47, 0x72, 0xFC, 0xDF, 0x65], DicomVR.LO));
    }

    [Fact]
    public void Unknown_extension_terms_are_ignored_and_the_rest_still_works()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 999\ISO 2022 IR 149");

        Assert.True(cs.IsFallback);
        Assert.Equal("홍", cs.Decode(Concat(Esc("$)C"), B(0xC8, 0xAB)), DicomVR.PN));
        Assert.Equal(Hex(Concat(Esc("$)C"), B(0xC8, 0xAB))), Hex(cs.Encode("홍", DicomVR.PN)));
    }

    [Fact]
    public void Code_extensions_after_utf8_are_ignored()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"ISO_IR 192\ISO 2022 IR 87");

        Assert.True(cs.IsFallback);
        Assert.Equal("山", cs.Decode([0xE5, 0xB1, 0xB1], DicomVR.PN));
    }

    [Fact]
    public void Unextended_single_byte_terms_with_code_extensions_are_read_as_their_iso_2022_forms()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"ISO_IR 100\ISO_IR 126");

        Assert.True(cs.IsFallback);
        Assert.Equal("éα", cs.Decode(Concat(B(0xE9), Esc("-F"), B(0xE1)), DicomVR.LO));
        Assert.Equal("éα", cs.Decode(cs.Encode("éα", DicomVR.LO), DicomVR.LO));
    }

    [Theory]
    [InlineData("GB2312", new byte[] { 0xD5, 0xC5 }, "张")]
    [InlineData("ISO 2022 IR 58", new byte[] { 0xD5, 0xC5 }, "张")]
    [InlineData("EUC-KR", new byte[] { 0xC8, 0xAB }, "홍")]
    [InlineData("ISO 2022 IR 149", new byte[] { 0xC8, 0xAB }, "홍")]
    [InlineData("Shift_JIS", new byte[] { 0x8E, 0x52, 0x93, 0x63, 0xB1 }, "山田ｱ")]
    public void Multi_byte_sets_as_the_only_value_read_unextended_byte_streams(string term, byte[] bytes, string expected)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet([term]);

        Assert.Equal(expected, cs.Decode(bytes, DicomVR.PN));
        Assert.True(cs.IsFallback);
    }

    [Fact]
    public void Escape_sequences_are_followed_even_in_sets_without_code_extensions()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");

        var bytes = Concat("M", B(0xFC), "=", Esc("$B"), B(0x3B, 0x33, 0x45, 0x44), Esc("(B"));

        Assert.Equal("Mü=山田", cs.Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Gb2312_redesignation_after_an_odd_run_of_ascii_is_read()
    {
        // DCMTK 3.6.7 fails on these bytes: it misses the second escape sequence.
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 58");

        var bytes = Concat("A", Esc("$)A"), B(0xD5, 0xC5), "\r\nB", Esc("$)A"), B(0xD5, 0xC5));

        Assert.Equal("A张\r\nB张", cs.Decode(bytes, DicomVR.LT));
        Assert.Equal(Hex(bytes), Hex(cs.Encode("A张\r\nB张", DicomVR.LT)));
    }

    [Fact]
    public void Escape_sequences_of_undeclared_sets_are_followed()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        Assert.Equal("홍", cs.Decode(Concat(Esc("$)C"), B(0xC8, 0xAB)), DicomVR.PN));
    }

    public static TheoryData<string, byte[], string> InvalidBytes => new()
    {
        { "ISO_IR 192", B(0x41, 0xC3, 0x28, 0x42), "A\uFFFD(B" },
        { "ISO_IR 192", B(0x41, 0xE5, 0xB1), "A\uFFFD" },
        { "GB18030", B(0x41, 0x81, 0x20), "A\uFFFD " },
        { "GBK", B(0x41, 0xFF), "A\uFFFD" },
        { "ISO_IR 109", B(0x41, 0xA5), "A\uFFFD" },
        { "ISO_IR 127", B(0xC1, 0xA1), "\u0621\uFFFD" },
        { "ISO_IR 13", B(0xE0, 0xB1), "\uFFFDｱ" },
        { "\\ISO 2022 IR 87", B(0x41, 0xE9), "A\uFFFD" },
        { "\\ISO 2022 IR 87", Concat(Esc("$B"), B(0x3B)), "\uFFFD" },
        { "\\ISO 2022 IR 87", Concat(Esc("$B"), B(0x3B, 0x0D, 0x41)), "\uFFFD\rA" },
        { "\\ISO 2022 IR 87", Concat(Esc("$B"), B(0x7F, 0x21)), "\u007F!" },
        { "\\ISO 2022 IR 149", Concat(Esc("$)C"), B(0xC8, 0x41)), "\uFFFDA" },
        { "\\ISO 2022 IR 149", Concat(Esc("$)C"), B(0xC8)), "\uFFFD" },
        { "\\ISO 2022 IR 58", Concat(Esc("$)A"), B(0xAA, 0xA1)), "\uFFFD" },
        { "ISO_IR 100", Concat("A", Esc("(Z"), "B"), "A\uFFFDB" },
        { "ISO_IR 100", Concat("A", B(0x1B)), "A\uFFFD" },
        { "ISO_IR 100", Concat("A", B(0x1B, 0x24, 0x28)), "A\uFFFD$(" },
    };

    [Theory]
    [MemberData(nameof(InvalidBytes))]
    public void Bytes_invalid_for_the_repertoire_decode_to_the_replacement_character(string terms, byte[] bytes, string expected)
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);

        Assert.Equal(expected, cs.Decode(bytes, DicomVR.LT));
    }

    [Fact]
    public void Random_bytes_never_throw_in_any_set()
    {
        var random = new Random(1301);
        var bytes = new byte[2048];
        string[] all =
        [
            "", "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138",
            "ISO_IR 148", "ISO_IR 166", "ISO_IR 203", "ISO_IR 13", "ISO_IR 192", "GB18030", "GBK", "Shift_JIS", "nonsense",
            @"\ISO 2022 IR 87\ISO 2022 IR 159", @"\ISO 2022 IR 149", @"\ISO 2022 IR 58", @"ISO 2022 IR 13\ISO 2022 IR 87",
        ];
        foreach (var terms in all)
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(terms);
            for (var round = 0; round < 5; round++)
            {
                random.NextBytes(bytes);
                // Sprinkle escape sequences so the state machine is exercised, not just the tables.
                for (var k = 0; k < 20; k++) bytes[random.Next(bytes.Length)] = 0x1B;
                foreach (var vr in new[] { DicomVR.PN, DicomVR.LO, DicomVR.LT })
                {
                    var text = cs.Decode(bytes, vr);
                    Assert.True(text.Length <= bytes.Length);
                    cs.Encode(text, vr);
                }
            }
        }
    }

    [Fact]
    public void Reads_the_person_name_of_a_gb18030_file_that_also_has_gb18030_in_a_code_string()
    {
        // fo-dicom issue 1301: (0010,0040) CS holds GB 18030 bytes, which only SH, LO, ST, LT, PN, UC, UT may.
        var file = TestFiles.Interop("charset/GH1301_GB18030_badCS.dcm");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(TestFiles.Ascii(RawElements.Find(file, 0x0008, 0x0005)));

        Assert.False(cs.IsFallback);
        Assert.Equal("Wang^XiaoDong=王^小东=", cs.Decode(RawElements.Find(file, 0x0010, 0x0010), DicomVR.PN));
        // Code strings stay outside the character set: the two bytes read as two Latin-1 letters, not as "男".
        Assert.Equal("ÄÐ", cs.Decode(RawElements.Find(file, 0x0010, 0x0040), DicomVR.CS));
    }

    [Fact]
    public void Reads_a_gb2312_iso_2022_file()
    {
        var file = TestFiles.Interop("charset/chrGB2312.dcm");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(TestFiles.Ascii(RawElements.Find(file, 0x0008, 0x0005)));

        Assert.Equal(["", "ISO 2022 IR 58"], cs.Terms);
        Assert.Equal("Zhang^XiaoDong=张^小东=", cs.Decode(RawElements.Find(file, 0x0010, 0x0010), DicomVR.PN).TrimEnd());
    }
}
