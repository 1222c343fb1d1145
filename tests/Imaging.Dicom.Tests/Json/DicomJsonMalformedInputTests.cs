using System.Text;
using Imaging.Dicom.Json;

namespace Imaging.Dicom.Tests.Json;

public sealed class DicomJsonMalformedInputTests
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "{", "Malformed JSON", "$" },
        { "", "Malformed JSON", "$" },
        { "[]", "is a JSON object, not an array", "$" },
        { "null", "is a JSON object, not null", "$" },
        { """{"0010001":{"vr":"PN"}}""", "is not an attribute tag", "$['0010001']" },
        { """{"0010001G":{"vr":"PN"}}""", "is not an attribute tag", "$['0010001G']" },
        { """{"PatientName":{"vr":"PN"}}""", "is not an attribute tag", "$['PatientName']" },
        { """{"00100010":"Doe"}""", "An attribute is a JSON object, not a string", "$['00100010']" },
        { """{"00100010":{"Value":["Doe"]}}""", "has no \"vr\"", "$['00100010']" },
        { """{"00100010":{"vr":"XX"}}""", "'XX' is not a DICOM VR", "$['00100010']" },
        { """{"00100010":{"vr":7}}""", "\"vr\" is a string, not a number", "$['00100010']" },
        { """{"00100010":{"vr":"PN","vr":"LO"}}""", "\"vr\" appears twice", "$['00100010']" },
        { """{"00100010":{"vr":"PN","Values":[]}}""", "Unknown member \"Values\"", "$['00100010']" },
        { """{"00100010":{"vr":"LO","Value":"Doe"}}""", "\"Value\" is an array, not a string", "$['00100010'].Value" },
        { """{"7FE00010":{"vr":"OB","InlineBinary":"AA==","BulkDataURI":"x"}}""", "both \"InlineBinary\" and \"BulkDataURI\"", "$['7FE00010']" },
        { """{"00100010":{"vr":"LO"},"00100010":{"vr":"LO"}}""", "appears twice", "$['00100010']" },
        { """{"7FE00010":{"vr":"OB","InlineBinary":"not base64!"}}""", "not valid base64", "$['7FE00010'].InlineBinary" },
        { """{"7FE00010":{"vr":"OB","InlineBinary":12}}""", "base64 string, not a number", "$['7FE00010'].InlineBinary" },
        { """{"7FE00010":{"vr":"OB","Value":[1,2]}}""", "given as \"InlineBinary\" or \"BulkDataURI\"", "$['7FE00010'].Value" },
        { """{"7FE00010":{"vr":"OB","BulkDataURI":""}}""", "\"BulkDataURI\" is empty", "$['7FE00010'].BulkDataURI" },
        { """{"00081115":{"vr":"SQ","BulkDataURI":"x"}}""", "cannot be binary or bulk data", "$['00081115'].BulkDataURI" },
        { """{"00280010":{"vr":"US","Value":[70000]}}""", "is not a US value", "$['00280010'].Value[0]" },
        { """{"00280010":{"vr":"US","Value":[1,2.5]}}""", "is not a US value", "$['00280010'].Value[1]" },
        { """{"00280010":{"vr":"US","Value":[-1]}}""", "is not a US value", "$['00280010'].Value[0]" },
        { """{"00280010":{"vr":"US","Value":[null]}}""", "null is not allowed", "$['00280010'].Value[0]" },
        { """{"00280010":{"vr":"US","Value":["many"]}}""", "'many' is not a US value", "$['00280010'].Value[0]" },
        { """{"00280010":{"vr":"US","Value":[true]}}""", "is a number, not a boolean", "$['00280010'].Value[0]" },
        { """{"00189089":{"vr":"FD","Value":[1e400]}}""", "is not a FD value", "$['00189089'].Value[0]" },
        { """{"00200013":{"vr":"IS","Value":[1.5]}}""", "is not an IS value", "$['00200013'].Value[0]" },
        { """{"00200013":{"vr":"IS","Value":[3000000000]}}""", "is not an IS value", "$['00200013'].Value[0]" },
        { """{"00080060":{"vr":"CS","Value":[1]}}""", "A CS value is a string, not a number", "$['00080060'].Value[0]" },
        { """{"00280009":{"vr":"AT","Value":["0018,9063"]}}""", "is not an attribute tag", "$['00280009'].Value[0]" },
        { """{"00100010":{"vr":"PN","Value":[{"Alphabetical":"Doe"}]}}""", "Unknown person name component group \"Alphabetical\"", "$['00100010'].Value[0]" },
        { """{"00100010":{"vr":"PN","Value":[{"Alphabetic":1}]}}""", "component group is a string, not a number", "$['00100010'].Value[0]" },
        { """{"00081115":{"vr":"SQ","Value":["item"]}}""", "A sequence item is a JSON object, not a string", "$['00081115'].Value[0]" },
        { """{"00081115":{"vr":"SQ","Value":[{"0008":{}}]}}""", "is not an attribute tag", "$['00081115'].Value[0]['0008']" },
        { """{"00104000":{"vr":"LT","Value":["one","two"]}}""", "LT holds a single value", "$['00104000'].Value[1]" },
        { """{"00080060":{"vr":"CS","Value":[["nested"]]}}""", "not an array", "$['00080060'].Value[0]" },
        { """{} {}""", "Malformed JSON", "$" },
        { """{"00080060":{"vr":"CS"},}""", "Malformed JSON", "$" },
        { """{/* comment */}""", "Malformed JSON", "$" },
        { """{"00080060":{"vr":"CS","Value":["OT"]}""", "Malformed JSON", "$" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_malformed_input_with_the_json_path(string json, string reason, string path)
    {
        var e = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(json));

        Assert.Contains(reason, e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void Rejects_strings_that_are_not_valid_unicode()
    {
        var loneSurrogate = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse("""{"00100010":{"vr":"LO","Value":["\uD800"]}}"""));
        Assert.Contains("not valid Unicode", loneSurrogate.Message);
        Assert.Equal("$['00100010'].Value[0]", loneSurrogate.Path);

        Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse("""{"\uD800":{"vr":"LO"}}"""));
        Assert.Throws<DicomJsonException>(() => new DicomJsonReader().Read([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
    }

    [Fact]
    public void Gives_the_line_and_column_of_the_offending_token()
    {
        var json = "{\n  \"00080060\": {\"vr\": \"CS\", \"Value\": [\"OT\"]},\n  \"00280010\": {\"vr\": \"US\", \"Value\": [1, 70000]}\n}";

        var e = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(json));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal(41, e.Column);
        Assert.Equal(json.IndexOf("70000", StringComparison.Ordinal), e.BytePosition);
        Assert.Contains("line 3, column 41", e.Message);
    }

    [Fact]
    public void Gives_the_line_of_a_json_syntax_error()
    {
        var e = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse("{\n\"00080060\": {\"vr\": \"CS\",,}\n}"));

        Assert.Equal(2, e.LineNumber);
        Assert.StartsWith("Malformed JSON", e.Reason);
    }

    private static string Nested(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++) sb.Append("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[");
        sb.Append("{}");
        for (var i = 0; i < depth; i++) sb.Append("]}}");
        return sb.ToString();
    }

    [Fact]
    public void Reads_sequences_nested_up_to_the_limit()
    {
        var dataset = DicomJsonReader.Parse(Nested(5), new DicomJsonReaderOptions { MaxSequenceDepth = 5 });

        Assert.Single(dataset);
    }

    [Fact]
    public void Rejects_sequences_nested_deeper_than_the_limit()
    {
        var e = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(Nested(6), new DicomJsonReaderOptions { MaxSequenceDepth = 5 }));

        Assert.Contains("nested more than 5 deep", e.Message);
        Assert.StartsWith("$['00081115'].Value[0]['00081115']", e.Path);
    }

    [Fact]
    public void Rejects_hostile_nesting_without_exhausting_the_stack()
    {
        var e = Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(Nested(100_000)));
        Assert.Contains("nested more than 64 deep", e.Message);

        var arrays = "{\"00080060\":{\"vr\":\"CS\",\"Value\":" + new string('[', 100_000) + new string(']', 100_000) + "}}";
        Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(arrays));
    }

    [Fact]
    public void Rejects_input_over_the_size_limit()
    {
        var options = new DicomJsonReaderOptions { MaxInputBytes = 16 };
        var json = """{"00080060":{"vr":"CS","Value":["OT"]}}""";

        Assert.Contains("16-byte limit", Assert.Throws<DicomJsonException>(() => DicomJsonReader.Parse(json, options)).Message);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Throws<DicomJsonException>(() => new DicomJsonReader(options).Read(stream));
    }

    [Fact]
    public void Rejects_options_outside_their_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomJsonReader(new DicomJsonReaderOptions { MaxSequenceDepth = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomJsonReader(new DicomJsonReaderOptions { MaxSequenceDepth = 100_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomJsonReader(new DicomJsonReaderOptions { MaxInputBytes = 0 }));
    }

    [Fact]
    public void Rejects_an_array_element_that_is_not_a_dataset()
    {
        var e = Assert.Throws<DicomJsonException>(() => new DicomJsonReader().ReadArray("""[{}, 5]"""));

        Assert.Equal("$[1]", e.Path);
    }
}
