using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Json;

namespace Imaging.Dicom.Tests.Json;

public sealed class DicomJsonReaderTests
{
    private static DicomDataset Read(string json, DicomJsonReaderOptions? options = null) => DicomJsonReader.Parse(json, options);

    private static string Latin1(DicomElement e) => Encoding.Latin1.GetString(e.Buffer.GetMemory().Span);

    private static DicomElement Single(string json, uint tag) => Read(json).GetElement(new DicomTag(tag))!;

    [Fact]
    public void Reads_text_values_joined_with_backslashes_and_padded_to_even_length()
    {
        var e = Single("""{"00080061":{"vr":"CS","Value":["CT","MR","PET"]}}""", 0x00080061);

        Assert.Equal(DicomVR.CS, e.VR);
        Assert.Equal("CT\\MR\\PET ", Latin1(e));
    }

    [Fact]
    public void Reads_null_values_as_empty_values()
    {
        Assert.Equal("CT\\\\PET ", Latin1(Single("""{"00080061":{"vr":"CS","Value":["CT",null,"PET"]}}""", 0x00080061)));
        Assert.Equal("1.5\\\\20 ", Latin1(Single("""{"00280030":{"vr":"DS","Value":[1.5,null,20]}}""", 0x00280030)));
    }

    [Theory]
    [InlineData("""{"00100010":{"vr":"PN"}}""")]
    [InlineData("""{"00100010":{"vr":"PN","Value":[]}}""")]
    [InlineData("""{"00100010":{"vr":"PN","Value":null}}""")]
    public void Reads_an_attribute_without_values_as_an_empty_element(string json)
    {
        var e = Single(json, 0x00100010);

        Assert.Equal(DicomVR.PN, e.VR);
        Assert.True(e.IsEmpty);
    }

    [Fact]
    public void Reads_an_sq_without_values_as_an_empty_sequence()
    {
        var sq = Read("""{"00081115":{"vr":"SQ"}}""").GetSequence(new DicomTag(0x00081115));

        Assert.NotNull(sq);
        Assert.Empty(sq.Items);
    }

    [Fact]
    public void Reads_person_name_objects_into_component_groups()
    {
        var json = """
            {"00080005":{"vr":"CS","Value":["ISO_IR 192"]},
             "00100010":{"vr":"PN","Value":[
                {"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"},
                {"Ideographic":"X"},
                null,
                {"Alphabetic":"Doe^John"}]}}
            """;

        var dataset = Read(json);

        Assert.Equal(["Yamada^Tarou=山田^太郎=やまだ^たろう", "=X", "", "Doe^John"], dataset.GetStrings(new DicomTag(0x00100010)));
    }

    [Fact]
    public void Accepts_person_names_given_as_plain_strings()
    {
        Assert.Equal("Doe^John=Ideo ", Latin1(Single("""{"00100010":{"vr":"PN","Value":["Doe^John=Ideo"]}}""", 0x00100010)));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1E+300", "1E+300")]
    [InlineData("3.14159265358979323846", "3.14159265358979")]
    [InlineData("\"NaNish\"", "NaNish")]
    public void Reads_decimal_numbers_keeping_their_digits_when_they_fit(string json, string ds)
    {
        var e = Single($$$"""{"00180050":{"vr":"DS","Value":[{{{json}}}]}}""", 0x00180050);

        Assert.Equal(ds, e.GetStrings()[0]);
        Assert.True(e.Length <= 16);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-0", "-0")]
    [InlineData("12.0", "12")]
    [InlineData("1.2e1", "12")]
    [InlineData("\"007\"", "007")]
    public void Reads_integer_strings(string json, string text)
    {
        Assert.Equal(text, Single($$$"""{"00200013":{"vr":"IS","Value":[{{{json}}}]}}""", 0x00200013).GetStrings()[0]);
    }

    [Fact]
    public void Reads_binary_numbers_into_little_endian_values()
    {
        var dataset = Read("""
            {"00280010":{"vr":"US","Value":[512,65535]},
             "00280106":{"vr":"SS","Value":[-32768]},
             "00280108":{"vr":"SL","Value":[-2147483648]},
             "00283010":{"vr":"UL","Value":[4294967295]},
             "00189306":{"vr":"FL","Value":[0.1,"NaN"]},
             "00189089":{"vr":"FD","Value":[0.1,"-Infinity","Infinity"]},
             "00720082":{"vr":"SV","Value":[-5,"-9223372036854775808"]},
             "00720083":{"vr":"UV","Value":[9007199254740991,"18446744073709551615"]},
             "00280011":{"vr":"US","Value":[512.0]}}
            """);

        Assert.Equal([512, 65535], dataset.GetElement(new DicomTag(0x00280010))!.GetValues<ushort>());
        Assert.Equal([short.MinValue], dataset.GetElement(new DicomTag(0x00280106))!.GetValues<short>());
        Assert.Equal([int.MinValue], dataset.GetElement(new DicomTag(0x00280108))!.GetValues<int>());
        Assert.Equal([uint.MaxValue], dataset.GetElement(new DicomTag(0x00283010))!.GetValues<uint>());
        Assert.Equal([0.1f, float.NaN], dataset.GetElement(new DicomTag(0x00189306))!.GetValues<float>());
        Assert.Equal([0.1, double.NegativeInfinity, double.PositiveInfinity], dataset.GetElement(new DicomTag(0x00189089))!.GetValues<double>());
        Assert.Equal([-5L, long.MinValue], dataset.GetElement(new DicomTag(0x00720082))!.GetValues<long>());
        Assert.Equal([9007199254740991UL, ulong.MaxValue], dataset.GetElement(new DicomTag(0x00720083))!.GetValues<ulong>());
        Assert.Equal([512], dataset.GetElement(new DicomTag(0x00280011))!.GetValues<ushort>());
    }

    [Fact]
    public void Reads_attribute_tags()
    {
        var e = Single("""{"00280009":{"vr":"AT","Value":["00189063","7fe00010"]}}""", 0x00280009);

        Assert.Equal([new DicomTag(0x0018, 0x9063), DicomTag.PixelData], e.GetTags());
    }

    [Fact]
    public void Decodes_inline_binary()
    {
        var e = Single("""{"7FE00010":{"vr":"OW","InlineBinary":"AQIDBA=="}}""", 0x7FE00010);

        Assert.Equal(DicomVR.OW, e.VR);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, e.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void Reads_nested_sequences_and_empty_items()
    {
        var dataset = Read("""
            {"00400275":{"vr":"SQ","Value":[
                {"00400007":{"vr":"LO","Value":["desc"]},
                 "00400008":{"vr":"SQ","Value":[{"00080100":{"vr":"SH","Value":["code"]}}]}},
                {}]}}
            """);

        var sq = dataset.GetSequence(new DicomTag(0x00400275))!;
        Assert.Equal(2, sq.Items.Count);
        Assert.Equal("desc", sq.Items[0].GetString(new DicomTag(0x00400007)));
        Assert.Equal("code", sq.Items[0].GetSequence(new DicomTag(0x00400008))!.Items[0].GetString(new DicomTag(0x00080100)));
        Assert.Equal(0, sq.Items[1].Count);
        Assert.Same(sq, sq.Items[0].Parent);
    }

    [Fact]
    public void Reads_private_tags()
    {
        var dataset = Read("""{"00290010":{"vr":"LO","Value":["SIEMENS CSA HEADER"]},"00291010":{"vr":"OB","InlineBinary":"q80="}}""");

        Assert.Equal("SIEMENS CSA HEADER", dataset.GetPrivateCreator(new DicomTag(0x00291010)));
        Assert.Equal(new byte[] { 0xAB, 0xCD }, dataset.GetElement(new DicomTag(0x00291010))!.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void Encodes_text_with_the_specific_character_set_even_when_it_comes_after_the_text()
    {
        var dataset = Read("""{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Müller"}]},"00080005":{"vr":"CS","Value":["ISO_IR 100"]}}""");

        Assert.Equal("Müller", Latin1(dataset.GetElement(new DicomTag(0x00100010))!));
    }

    [Fact]
    public void Encodes_text_in_items_with_the_character_set_they_inherit()
    {
        var dataset = Read("""
            {"00080005":{"vr":"CS","Value":["ISO_IR 192"]},
             "00081120":{"vr":"SQ","Value":[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Ærø"}]}}]},
             "00081140":{"vr":"SQ","Value":[{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Ærø"}]}}]}}
            """);

        var inherited = dataset.GetSequence(new DicomTag(0x00081120))!.Items[0].GetElement(new DicomTag(0x00100010))!;
        var own = dataset.GetSequence(new DicomTag(0x00081140))!.Items[0].GetElement(new DicomTag(0x00100010))!;
        Assert.Equal(Encoding.UTF8.GetBytes("Ærø "), inherited.Buffer.GetMemory().ToArray());
        Assert.Equal(Encoding.Latin1.GetBytes("Ærø "), own.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void Accepts_vr_after_the_value()
    {
        var dataset = Read("""{"00281050":{"Value":[40,"-10"],"vr":"DS"},"00081115":{"Value":[{}],"vr":"SQ"}}""");

        Assert.Equal(["40", "-10"], dataset.GetStrings(new DicomTag(0x00281050)));
        Assert.Single(dataset.GetSequence(new DicomTag(0x00081115))!.Items);
    }

    [Fact]
    public void Reads_an_array_of_datasets()
    {
        var datasets = new DicomJsonReader().ReadArray("""[{"00080060":{"vr":"CS","Value":["CT"]}},{}]""");

        Assert.Equal(2, datasets.Count);
        Assert.Equal("CT", datasets[0].GetString(new DicomTag(0x00080060)));
        Assert.Equal(0, datasets[1].Count);
    }

    [Fact]
    public void Reads_from_a_stream_with_a_byte_order_mark()
    {
        using var stream = new MemoryStream([.. "\uFEFF"u8, .. """{"00080060":{"vr":"CS","Value":["CT"]}}"""u8]);

        Assert.Equal("CT", new DicomJsonReader().Read(stream).GetString(new DicomTag(0x00080060)));
    }
}
