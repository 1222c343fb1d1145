using Imaging.Dicom.Data;
using Imaging.Dicom.Text;
using static Imaging.Dicom.Tests.Text.TestBytes;

namespace Imaging.Dicom.Tests.Text;

/// <summary>The worked examples of PS3.5 Annexes H (Japanese), I (Korean), J (UTF-8, GB18030, GBK) and K (GB 2312),
/// byte for byte, in both directions.</summary>
public class StandardExamplesTests
{
    // PS3.5 Example H.3-1: value 1 empty (ISO-IR 6), JIS X 0208 in G0 for the ideographic and phonetic groups.
    private static readonly byte[] H31 = FromColumnRow(
        "05/09 06/01 06/13 06/01 06/04 06/01 05/14 05/04 06/01 07/02 06/15 07/05 03/13 " +
        "01/11 02/04 04/02 03/11 03/03 04/05 04/04 01/11 02/08 04/02 05/14 " +
        "01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/02 03/13 " +
        "01/11 02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11 02/08 04/02 05/14 " +
        "01/11 02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/02");

    // PS3.5 Example H.3-2: value 1 ISO 2022 IR 13, so half-width katakana sit in G1 and romaji in G0.
    private static readonly byte[] H32 = FromColumnRow(
        "13/04 12/15 12/00 13/14 05/14 12/00 13/11 11/03 03/13 01/11 02/04 04/02 03/11 03/03 04/05 04/04 01/11 02/08 04/10 " +
        "05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/10 03/13 01/11 02/04 04/02 02/04 06/04 02/04 05/14 " +
        "02/04 04/00 01/11 02/08 04/10 05/14 01/11 02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/10");

    // PS3.5 Example I.2-1.
    private static readonly byte[] I21 = FromColumnRow(
        "04/08 06/15 06/14 06/07 05/14 04/07 06/09 06/12 06/04 06/15 06/14 06/07 03/13 01/11 02/04 02/09 04/03 15/11 15/03 " +
        "05/14 01/11 02/04 02/09 04/03 13/01 12/14 13/04 13/07 03/13 01/11 02/04 02/09 04/03 12/08 10/11 05/14 01/11 02/04 " +
        "02/09 04/03 11/01 14/06 11/05 11/15");

    private const string JapaneseName = "Yamada^Tarou=山田^太郎=やまだ^たろう";

    [Fact]
    public void Decodes_japanese_person_name_with_iso2022_escapes()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["", "ISO 2022 IR 87"]);

        Assert.Equal(JapaneseName, cs.Decode(H31, DicomVR.PN));
        Assert.False(cs.IsFallback);
    }

    [Fact]
    public void Encodes_japanese_person_name_exactly_as_example_H31()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 87");

        Assert.Equal(Hex(H31), Hex(cs.Encode(JapaneseName, DicomVR.PN)));
    }

    [Fact]
    public void Decodes_japanese_person_name_with_half_width_katakana_and_romaji_initial_set()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["ISO 2022 IR 13", "ISO 2022 IR 87"]);

        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", cs.Decode(H32, DicomVR.PN));
    }

    [Fact]
    public void Encodes_japanese_person_name_exactly_as_example_H32_returning_to_romaji()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["ISO 2022 IR 13", "ISO 2022 IR 87"]);

        Assert.Equal(Hex(H32), Hex(cs.Encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", DicomVR.PN)));
    }

    [Fact]
    public void Decodes_korean_person_name_with_g1_designation_in_each_component()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["", "ISO 2022 IR 149"]);

        Assert.Equal("Hong^Gildong=洪^吉洞=홍^길동", cs.Decode(I21, DicomVR.PN));
    }

    [Fact]
    public void Encodes_korean_person_name_exactly_as_example_I21()
    {
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 149");

        Assert.Equal(Hex(I21), Hex(cs.Encode("Hong^Gildong=洪^吉洞=홍^길동", DicomVR.PN)));
    }

    [Fact]
    public void Decodes_korean_long_text_that_designates_hangul_at_the_start_of_each_line()
    {
        // PS3.5 Example I.3-1: the designation is at the head of the line, before the ASCII words.
        byte[] hangul = [0xC7, 0xD1, 0xB1, 0xDB];
        var bytes = Concat(Esc("$)C"), "The first line includes ", hangul, ".\r\n",
            Esc("$)C"), "The second line includes ", hangul, ", too.\r\n", "The third line");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 149");

        var text = cs.Decode(bytes, DicomVR.LT);

        Assert.Equal("The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line", text);
        Assert.Equal(text, cs.Decode(cs.Encode(text, DicomVR.LT), DicomVR.LT));
    }

    [Fact]
    public void Decodes_chinese_person_name_in_utf8()
    {
        // PS3.5 Example J.1-1 (traditional script).
        var bytes = FromHex("0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xe7 0x8e 0x8b 0x5e 0xe5 0xb0 0x8f 0xe6 0x9d 0xb1 0x3d");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["ISO_IR 192"]);

        Assert.Equal("Wang^XiaoDong=王^小東=", cs.Decode(bytes, DicomVR.PN));
        Assert.Equal(Hex(bytes), Hex(cs.Encode("Wang^XiaoDong=王^小東=", DicomVR.PN)));
    }

    [Fact]
    public void Decodes_chinese_long_text_in_utf8()
    {
        // PS3.5 Example J.2-1.
        var bytes = FromHex(
            "0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 " +
            "0xe4 0xb8 0xad 0xe6 0x96 0x87 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x73 0x65 0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e " +
            "0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 0xe4 0xb8 0xad 0xe6 0x96 0x87 0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d " +
            "0x0a 0x54 0x68 0x65 0x20 0x74 0x68 0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(["ISO_IR 192"]);

        Assert.Equal("The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n", cs.Decode(bytes, DicomVR.LT));
    }

    [Theory]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void Decodes_chinese_person_name_in_gb18030_and_gbk(string term)
    {
        // PS3.5 Example J.3-1; Annex J uses the same bytes for GBK, whose code points GB 18030 shares.
        var bytes = FromHex("0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xcd 0xf5 0x5e 0xd0 0xa1 0xb6 0xab 0x3d");
        var cs = DicomCharacterSet.FromSpecificCharacterSet([term]);

        Assert.Equal("Wang^XiaoDong=王^小东=", cs.Decode(bytes, DicomVR.PN));
        Assert.Equal(Hex(bytes), Hex(cs.Encode("Wang^XiaoDong=王^小东=", DicomVR.PN)));
    }

    [Theory]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void Decodes_chinese_long_text_in_gb18030_and_gbk(string term)
    {
        // PS3.5 Example J.4-1.
        var bytes = FromHex(
            "0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 " +
            "0xd6 0xd0 0xce 0xc4 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x73 0x65 0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e 0x65 0x20 " +
            "0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 0xd6 0xd0 0xce 0xc4 0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d 0x0a 0x54 0x68 0x65 " +
            "0x20 0x74 0x68 0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a");
        var cs = DicomCharacterSet.FromSpecificCharacterSet([term]);

        var text = cs.Decode(bytes, DicomVR.LT);

        Assert.Equal("The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n", text);
        Assert.Equal(Hex(bytes), Hex(cs.Encode(text, DicomVR.LT)));
    }

    [Fact]
    public void Decodes_chinese_person_name_with_gb2312_designated_per_component()
    {
        // PS3.5 Example K.2-1, including its trailing padding space.
        var bytes = FromHex(
            "0x5A 0x68 0x61 0x6E 0x67 0x5E 0x58 0x69 0x61 0x6F 0x44 0x6F 0x6E 0x67 0x3D 0x1B 0x24 0x29 0x41 0xD5 0xC5 0x5E " +
            "0x1B 0x24 0x29 0x41 0xD0 0xA1 0xB6 0xAB 0x3D 0x20");
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 58");

        Assert.Equal("Zhang^XiaoDong=张^小东= ", cs.Decode(bytes, DicomVR.PN));
        Assert.Equal(Hex(bytes[..^1]), Hex(cs.Encode("Zhang^XiaoDong=张^小东=", DicomVR.PN)));
    }

    [Fact]
    public void Encodes_chinese_long_text_exactly_as_example_K31_redesignating_after_each_line()
    {
        // PS3.5 Example K.3-1.
        var bytes = FromHex(
            "0x31 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xD2 0xBB 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A " +
            "0x32 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xB6 0xFE 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A " +
            "0x33 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xC8 0xFD 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A");
        const string text = "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n";
        var cs = DicomCharacterSet.FromSpecificCharacterSet(@"\ISO 2022 IR 58");

        Assert.Equal(text, cs.Decode(bytes, DicomVR.LT));
        Assert.Equal(Hex(bytes), Hex(cs.Encode(text, DicomVR.LT)));
    }
}
