using System.Buffers;
using System.Text;
using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.Json;
using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Tests.Json.JsonTestData;

namespace Imaging.Dicom.Tests.Json;

public sealed class DicomJsonWriterTests
{
    [Fact]
    public void Writes_keys_as_eight_uppercase_hex_digits_in_ascending_order()
    {
        var json = Write(Dataset(Bytes(0x7FE00010, DicomVR.OB, 1, 2), Element(0x00100010, DicomVR.PN, "A"), Element(0x00090010, DicomVR.LO, "C"), Element(0x000B00BC, DicomVR.LO, "y")));

        using var doc = JsonDocument.Parse(json);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["00090010", "000B00BC", "00100010", "7FE00010"], keys);
    }

    [Fact]
    public void Leaves_out_group_lengths()
    {
        var json = Write(Dataset(DicomElement.FromValues(new DicomTag(0x00080000), DicomVR.UL, 10u), Element(0x00080060, DicomVR.CS, "OT")));

        Assert.Equal("""{"00080060":{"vr":"CS","Value":["OT"]}}""", json);
    }

    public static TheoryData<DicomVR> AllVRs()
    {
        var data = new TheoryData<DicomVR>();
        foreach (var vr in DicomVRInfo.All) data.Add(vr);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllVRs))]
    public void Writes_empty_elements_as_vr_alone(DicomVR vr)
    {
        DicomAttribute attribute = vr == DicomVR.SQ ? new DicomSequence(new DicomTag(0x00081115)) : new DicomElement(new DicomTag(0x00091001), vr, DicomBuffer.Empty);

        var json = WriteOne(attribute);

        Assert.Equal($$$"""{"{{{attribute.Tag.ToHex()}}}":{"vr":"{{{DicomVRInfo.Code(vr)}}}"}}""", json);
    }

    [Fact]
    public void Writes_every_vr_with_the_json_type_of_table_F_2_3_1()
    {
        using var doc = JsonDocument.Parse(Write(EveryVR()));
        var seen = new HashSet<string>();
        foreach (var attribute in doc.RootElement.EnumerateObject())
        {
            var vr = attribute.Value.GetProperty("vr").GetString()!;
            seen.Add(vr);
            switch (vr)
            {
                case "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "UN":
                    Assert.Equal(JsonValueKind.String, attribute.Value.GetProperty("InlineBinary").ValueKind);
                    Assert.False(attribute.Value.TryGetProperty("Value", out _));
                    break;
                case "SQ":
                    Assert.All(attribute.Value.GetProperty("Value").EnumerateArray(), v => Assert.Equal(JsonValueKind.Object, v.ValueKind));
                    break;
                case "PN":
                    if (attribute.Value.TryGetProperty("Value", out var names))
                        Assert.All(names.EnumerateArray(), v => Assert.Equal(JsonValueKind.Object, v.ValueKind));
                    break;
                case "US" or "SS" or "UL" or "SL" or "FL" or "FD" or "DS" or "IS":
                    Assert.All(attribute.Value.GetProperty("Value").EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
                    break;
                case "SV" or "UV":
                    Assert.All(attribute.Value.GetProperty("Value").EnumerateArray(), v => Assert.Contains(v.ValueKind, new[] { JsonValueKind.Number, JsonValueKind.String }));
                    break;
                default:
                    Assert.All(attribute.Value.GetProperty("Value").EnumerateArray(), v => Assert.Contains(v.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null }));
                    break;
            }
        }
        Assert.Equal(DicomVRInfo.All.Select(DicomVRInfo.Code).Order(), seen.Order());
    }

    [Fact]
    public void Writes_each_value_of_a_multi_valued_element()
    {
        Assert.Equal("""["STORE_SCP","ARCHIVE"]""", ValueOf(Element(0x00080054, DicomVR.AE, "STORE_SCP\\ARCHIVE")));
        Assert.Equal("[512,0,65535]", ValueOf(DicomElement.FromValues(new DicomTag(0x00280010), DicomVR.US, (ushort)512, (ushort)0, (ushort)65535)));
    }

    [Fact]
    public void Writes_empty_values_between_backslashes_as_null()
    {
        Assert.Equal("""["CT",null,"MR",null]""", ValueOf(Element(0x00080061, DicomVR.CS, "CT\\\\MR\\")));
        Assert.Equal("""[1.5,null,2]""", ValueOf(Element(0x00280030, DicomVR.DS, "1.5\\\\2")));
    }

    [Fact]
    public void Writes_an_element_of_only_empty_values_as_vr_alone()
    {
        Assert.Equal("""{"00100020":{"vr":"LO"}}""", WriteOne(Element(0x00100020, DicomVR.LO, "\\ ")));
        Assert.Equal("""{"00080060":{"vr":"CS"}}""", WriteOne(Element(0x00080060, DicomVR.CS, "  ")));
    }

    [Fact]
    public void Keeps_backslashes_in_single_valued_text()
    {
        Assert.Equal("""["C:\\dir\\file"]""", ValueOf(Element(0x00104000, DicomVR.LT, "C:\\dir\\file")));
        Assert.Equal("""["a\\b"]""", ValueOf(Element(0x00321060, DicomVR.UT, "a\\b")));
    }

    [Fact]
    public void Trims_padding_but_keeps_leading_spaces_of_text()
    {
        Assert.Equal("""["  indented"]""", ValueOf(Element(0x00104000, DicomVR.LT, "  indented  ")));
        Assert.Equal("""["1.2.3"]""", ValueOf(Element(0x00080018, DicomVR.UI, "1.2.3\0")));
        Assert.Equal("""["padded"]""", ValueOf(Element(0x00100020, DicomVR.LO, " padded ")));
    }

    [Fact]
    public void Writes_person_name_groups_as_objects()
    {
        var json = Write(Dataset(Element(0x00080005, DicomVR.CS, "ISO_IR 192"), Element(0x00100010, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", Encoding.UTF8)));
        var value = Attribute(json, 0x00100010).GetProperty("Value").GetRawText();

        Assert.Equal("""[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}]""", value);
    }

    [Fact]
    public void Writes_only_the_non_empty_person_name_groups()
    {
        Assert.Equal("""[{"Ideographic":"X^Y"},{"Alphabetic":"Doe"},{"Alphabetic":"A","Phonetic":"P"}]""",
            ValueOf(Element(0x00100010, DicomVR.PN, "=X^Y\\Doe\\A==P")));
    }

    [Fact]
    public void Drops_trailing_empty_person_name_components()
    {
        Assert.Equal("""[{"Alphabetic":"Doe^John"},null]""", ValueOf(Element(0x00100010, DicomVR.PN, "Doe^John^^=\\^^^")));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("+3", "3")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("5.", "5")]
    [InlineData("00012", "12")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("-05.50e-003", "-5.50e-003")]
    [InlineData("1E+03", "1E+03")]
    [InlineData(" 7 ", "7")]
    public void Writes_decimal_strings_as_numbers_with_their_own_digits(string ds, string json)
    {
        Assert.Equal($"[{json}]", ValueOf(Element(0x00180050, DicomVR.DS, ds)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("1e")]
    [InlineData(".")]
    public void Writes_decimal_strings_that_are_not_numbers_as_strings(string ds)
    {
        Assert.Equal($"[\"{ds}\"]", ValueOf(Element(0x00180050, DicomVR.DS, ds)));
    }

    [Theory]
    [InlineData("+3", "3")]
    [InlineData("007", "7")]
    [InlineData("-0", "-0")]
    [InlineData("2147483647", "2147483647")]
    [InlineData("-2147483648", "-2147483648")]
    [InlineData("12.0", "\"12.0\"")]
    [InlineData("2147483648", "\"2147483648\"")]
    [InlineData("abc", "\"abc\"")]
    public void Writes_integer_strings_as_numbers_unless_they_are_not_valid_IS(string text, string json)
    {
        Assert.Equal($"[{json}]", ValueOf(Element(0x00200013, DicomVR.IS, text)));
    }

    [Fact]
    public void Writes_64_bit_values_as_numbers_within_2_to_the_53_and_as_strings_beyond()
    {
        const long safe = (1L << 53) - 1;
        Assert.Equal($"""[{safe},-{safe},"{safe + 1}","-{safe + 1}","{long.MinValue}"]""",
            ValueOf(DicomElement.FromValues(new DicomTag(0x00720082), DicomVR.SV, safe, -safe, safe + 1, -(safe + 1), long.MinValue)));
        Assert.Equal($"""[0,{safe},"{safe + 1}","{ulong.MaxValue}"]""",
            ValueOf(DicomElement.FromValues(new DicomTag(0x00720083), DicomVR.UV, 0UL, (ulong)safe, (ulong)safe + 1, ulong.MaxValue)));
    }

    [Fact]
    public void Writes_binary_numbers_as_json_numbers()
    {
        Assert.Equal("[-32768,32767]", ValueOf(DicomElement.FromValues(new DicomTag(0x00280106), DicomVR.SS, short.MinValue, short.MaxValue)));
        Assert.Equal("[4294967295]", ValueOf(DicomElement.FromValues(new DicomTag(0x00283010), DicomVR.UL, uint.MaxValue)));
        Assert.Equal("[-2147483648]", ValueOf(DicomElement.FromValues(new DicomTag(0x00280108), DicomVR.SL, int.MinValue)));
        Assert.Equal("[0.1,-2.5]", ValueOf(DicomElement.FromValues(new DicomTag(0x00189306), DicomVR.FL, 0.1f, -2.5f)));
        Assert.Equal("[0.1,1E+300,-0]", ValueOf(DicomElement.FromValues(new DicomTag(0x00189089), DicomVR.FD, 0.1, 1e300, -0.0)));
    }

    [Fact]
    public void Writes_float_nan_and_infinity_as_strings_by_default()
    {
        Assert.Equal("""["NaN","Infinity","-Infinity",1]""",
            ValueOf(DicomElement.FromValues(new DicomTag(0x00189089), DicomVR.FD, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0)));
        Assert.Equal("""["NaN","-Infinity"]""", ValueOf(DicomElement.FromValues(new DicomTag(0x00189306), DicomVR.FL, float.NaN, float.NegativeInfinity)));
    }

    [Fact]
    public void Throws_on_float_nan_when_asked_to_be_strict()
    {
        var dataset = Dataset(Sequence(0x00081115, Dataset(DicomElement.FromValues(new DicomTag(0x00189089), DicomVR.FD, 1.0, double.NaN))));

        var e = Assert.Throws<DicomJsonException>(() => Write(dataset, new DicomJsonWriterOptions { NonFiniteFloats = DicomJsonNonFiniteFloats.Throw }));

        Assert.Equal("$['00081115'].Value[0]['00189089'].Value[1]", e.Path);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void Writes_attribute_tags_as_hex_strings()
    {
        Assert.Equal("""["00189063","7FE00010"]""", ValueOf(DicomElement.FromTags(new DicomTag(0x00280009), new DicomTag(0x00189063), DicomTag.PixelData)));
    }

    [Theory]
    [InlineData(DicomVR.OB)]
    [InlineData(DicomVR.OD)]
    [InlineData(DicomVR.OF)]
    [InlineData(DicomVR.OL)]
    [InlineData(DicomVR.OV)]
    [InlineData(DicomVR.OW)]
    [InlineData(DicomVR.UN)]
    public void Writes_binary_values_as_inline_base64_little_endian(DicomVR vr)
    {
        var bytes = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };

        var attribute = Attribute(WriteOne(Bytes(0x00091001, vr, bytes)), 0x00091001);

        Assert.Equal(Convert.ToBase64String(bytes), attribute.GetProperty("InlineBinary").GetString());
    }

    [Fact]
    public void Writes_large_values_in_segments_that_decode_to_the_same_bytes()
    {
        var bytes = new byte[(3 << 20) + 7];
        new Random(42).NextBytes(bytes);

        var attribute = Attribute(WriteOne(Bytes(0x7FE00010, DicomVR.OB, bytes)), 0x7FE00010);

        Assert.Equal(bytes, attribute.GetProperty("InlineBinary").GetBytesFromBase64());
    }

    [Fact]
    public void Streams_values_that_are_still_on_disk()
    {
        using var temp = new TempFolder();
        var bytes = new byte[(2 << 20) + 3];
        new Random(7).NextBytes(bytes);
        var path = temp.File("value.bin");
        File.WriteAllBytes(path, [.. new byte[10], .. bytes]);
        var element = new DicomElement(DicomTag.PixelData, DicomVR.OB, new FileRangeBuffer(path, 10, bytes.Length, 1));

        var attribute = Attribute(WriteOne(element), 0x7FE00010);

        Assert.Equal(bytes, attribute.GetProperty("InlineBinary").GetBytesFromBase64());
    }

    [Fact]
    public void Writes_bulk_data_uri_for_binary_values_at_or_over_the_threshold()
    {
        var options = new DicomJsonWriterOptions { BulkDataThreshold = 4, BulkDataUriFactory = p => $"https://pacs/bulk/{p}" };
        var dataset = Dataset(
            Bytes(0x00091001, DicomVR.OB, 1, 2),
            Sequence(0x52009230, Dataset(), Dataset(Bytes(0x00283006, DicomVR.OW, 1, 2, 3, 4))),
            Bytes(0x7FE00010, DicomVR.OW, 1, 2, 3, 4, 5, 6));

        using var doc = JsonDocument.Parse(Write(dataset, options));
        var root = doc.RootElement;

        Assert.Equal("AQI=", root.GetProperty("00091001").GetProperty("InlineBinary").GetString());
        Assert.Equal("https://pacs/bulk/52009230/1/00283006",
            root.GetProperty("52009230").GetProperty("Value")[1].GetProperty("00283006").GetProperty("BulkDataURI").GetString());
        Assert.Equal("https://pacs/bulk/7FE00010", root.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
        Assert.False(root.GetProperty("7FE00010").TryGetProperty("InlineBinary", out _));
    }

    [Fact]
    public void Refuses_a_bulk_data_threshold_without_a_uri_factory()
    {
        Assert.Throws<ArgumentException>(() => new DicomJsonWriter(new DicomJsonWriterOptions { BulkDataThreshold = 10 }));
        Assert.Throws<ArgumentException>(() => new DicomJsonWriter(new DicomJsonWriterOptions { EncapsulatedPixelData = DicomJsonEncapsulatedPixelData.BulkDataUri }));
    }

    private static DicomDataset WithEncapsulatedPixelData()
    {
        var fragments = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB);
        fragments.Fragments.Add(DicomBuffer.FromBytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }));
        return Dataset(Element(0x00080060, DicomVR.CS, "OT"), fragments);
    }

    [Fact]
    public void Skips_encapsulated_pixel_data_by_default()
    {
        Assert.Equal("""{"00080060":{"vr":"CS","Value":["OT"]}}""", Write(WithEncapsulatedPixelData()));
    }

    [Fact]
    public void Writes_encapsulated_pixel_data_as_bulk_data_uri_when_asked()
    {
        var options = new DicomJsonWriterOptions
        {
            EncapsulatedPixelData = DicomJsonEncapsulatedPixelData.BulkDataUri,
            BulkDataUriFactory = p => $"frames/{p.Tag.ToHex()}",
        };

        var attribute = Attribute(Write(WithEncapsulatedPixelData(), options), 0x7FE00010);

        Assert.Equal("OB", attribute.GetProperty("vr").GetString());
        Assert.Equal("frames/7FE00010", attribute.GetProperty("BulkDataURI").GetString());
    }

    [Fact]
    public void Writes_an_unresolved_bulk_data_reference_back_as_its_uri()
    {
        var element = new DicomElement(DicomTag.PixelData, DicomVR.OW, new BulkDataUriBuffer("https://pacs/bulk/1", new DicomTagPath(DicomTag.PixelData), DicomVR.OW));

        Assert.Equal("""{"7FE00010":{"vr":"OW","BulkDataURI":"https://pacs/bulk/1"}}""", WriteOne(element));
    }

    [Fact]
    public void Writes_nested_sequences_with_empty_items_as_empty_objects()
    {
        var dataset = Dataset(Sequence(0x00400275,
            Dataset(Element(0x00400007, DicomVR.LO, "desc"), Sequence(0x00400008, Dataset(Element(0x00080100, DicomVR.SH, "code")))),
            Dataset()));

        Assert.Equal(
            """{"00400275":{"vr":"SQ","Value":[{"00400007":{"vr":"LO","Value":["desc"]},"00400008":{"vr":"SQ","Value":[{"00080100":{"vr":"SH","Value":["code"]}}]}},{}]}}""",
            Write(dataset));
    }

    [Fact]
    public void Writes_private_creators_and_private_elements_like_any_other()
    {
        var dataset = Dataset(Element(0x00290010, DicomVR.LO, "SIEMENS CSA HEADER"), Bytes(0x00291010, DicomVR.OB, 0xAB, 0xCD), Element(0x00291008, DicomVR.CS, "IMAGE NUM 4"));

        Assert.Equal(
            """{"00290010":{"vr":"LO","Value":["SIEMENS CSA HEADER"]},"00291008":{"vr":"CS","Value":["IMAGE NUM 4"]},"00291010":{"vr":"OB","InlineBinary":"q80="}}""",
            Write(dataset));
    }

    [Fact]
    public void Decodes_text_with_the_specific_character_set_and_keeps_its_value()
    {
        var latin1 = Dataset(Element(0x00080005, DicomVR.CS, "ISO_IR 100"), Element(0x00100010, DicomVR.PN, "Müller^Jürgen", Encoding.Latin1));
        var utf8 = Dataset(Element(0x00080005, DicomVR.CS, "ISO_IR 192"), Element(0x00100010, DicomVR.PN, "Müller^Jürgen", Encoding.UTF8));

        foreach (var (dataset, term) in new[] { (latin1, "ISO_IR 100"), (utf8, "ISO_IR 192") })
        {
            var json = Write(dataset);
            Assert.Equal($"[\"{term}\"]", Attribute(json, 0x00080005).GetProperty("Value").GetRawText());
            Assert.Equal("Müller^Jürgen", Attribute(json, 0x00100010).GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        }
    }

    [Fact]
    public void Decodes_sequence_items_with_the_character_set_they_inherit()
    {
        var dataset = Dataset(
            Element(0x00080005, DicomVR.CS, "ISO_IR 192"),
            Sequence(0x00081120, Dataset(Element(0x00100010, DicomVR.PN, "Ærø^Åse", Encoding.UTF8))));

        using var doc = JsonDocument.Parse(Write(dataset));

        Assert.Equal("Ærø^Åse", doc.RootElement.GetProperty("00081120").GetProperty("Value")[0].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
    }

    [Fact]
    public void Writes_compact_json_by_default_and_indents_when_asked()
    {
        var dataset = Dataset(Element(0x00080060, DicomVR.CS, "OT"));

        Assert.Equal("""{"00080060":{"vr":"CS","Value":["OT"]}}""", Write(dataset));
        Assert.Equal("{\n  \"00080060\": {\n    \"vr\": \"CS\",\n    \"Value\": [\n      \"OT\"\n    ]\n  }\n}",
            Write(dataset, new DicomJsonWriterOptions { Indented = true }).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Writes_the_same_bytes_to_a_stream_a_buffer_writer_and_a_string()
    {
        var dataset = EveryVR();
        var writer = new DicomJsonWriter();
        using var stream = new MemoryStream();
        var buffer = new ArrayBufferWriter<byte>();

        writer.Write(dataset, stream);
        writer.Write(dataset, buffer);

        Assert.Equal(stream.ToArray(), buffer.WrittenSpan.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(stream.ToArray()), writer.WriteToString(dataset));
    }

    [Fact]
    public void Writes_an_array_of_datasets()
    {
        using var stream = new MemoryStream();

        new DicomJsonWriter().WriteArray([Dataset(Element(0x00080060, DicomVR.CS, "CT")), Dataset()], stream);

        Assert.Equal("""[{"00080060":{"vr":"CS","Value":["CT"]}},{}]""", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Writes_non_ascii_text_unescaped()
    {
        var json = Write(Dataset(Element(0x00080005, DicomVR.CS, "ISO_IR 192"), Element(0x00081030, DicomVR.LO, "Étude <b>", Encoding.UTF8)));

        Assert.Contains("\"Étude <b>\"", json);
    }
}
