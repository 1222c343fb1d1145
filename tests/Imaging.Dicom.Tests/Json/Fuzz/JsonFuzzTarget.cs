using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Json;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Json.Fuzz;

/// <summary>What DICOM JSON fuzz inputs did; counts only.</summary>
public sealed class JsonFuzzOutcome
{
    public int Read { get; set; }

    public int Rejected { get; set; }

    public int Datasets { get; set; }

    public void Add(JsonFuzzOutcome other)
    {
        Read += other.Read;
        Rejected += other.Rejected;
        Datasets += other.Datasets;
    }

    public override string ToString() => $"read {Read} ({Datasets} datasets), rejected {Rejected}";
}

/// <summary>The DICOM JSON reader's fuzz target, shared by the SharpFuzz harness (tests/fuzz, target <c>json</c>) and
/// <see cref="JsonFuzzSmokeTests"/>. An input is UTF-8 JSON: an array of datasets when it starts with '[', else one.</summary>
/// <remarks>
/// <para>Allowed: datasets or <see cref="DicomJsonException"/>. Whatever the reader accepts must be written by
/// <see cref="DicomJsonWriter"/>, read back, and written again to the same bytes (the first write normalizes: number
/// forms, padding, member order).</para>
/// <para>Caps are low (64 KiB input, depth 16) so one input costs microseconds; the depth cap itself is fuzzed.
/// Uses only the public API so the fuzz project can compile this file by link.</para>
/// </remarks>
public static class JsonFuzzTarget
{
    public static readonly DicomJsonReaderOptions Options = new() { MaxInputBytes = 64 * 1024, MaxSequenceDepth = 16 };

    public static JsonFuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        var outcome = new JsonFuzzOutcome();
        var reader = new DicomJsonReader(Options);
        var isArray = data.TrimStart(" \t\r\n"u8).StartsWith("["u8);
        IReadOnlyList<DicomDataset> datasets;
        try
        {
            datasets = isArray ? reader.ReadArray(data) : [reader.Read(data)];
        }
        catch (DicomJsonException)
        {
            outcome.Rejected++;
            return outcome;
        }
        outcome.Read++;
        outcome.Datasets += datasets.Count;

        var writer = new DicomJsonWriter();
        var first = Write(writer, datasets);
        IReadOnlyList<DicomDataset> again;
        try
        {
            again = reader.ReadArray(first);
        }
        catch (DicomJsonException e)
        {
            throw new FuzzInvariantException($"The reader rejects what the writer wrote for JSON it accepted: {e.Message}\n{Encoding.UTF8.GetString(first)}", e);
        }
        if (again.Count != datasets.Count) throw new FuzzInvariantException($"{datasets.Count} datasets read back as {again.Count}");
        var second = Write(writer, again);
        if (!second.AsSpan().SequenceEqual(first))
            throw new FuzzInvariantException($"A write/read/write round trip changed the JSON:\n{Encoding.UTF8.GetString(first)}\n{Encoding.UTF8.GetString(second)}");
        return outcome;
    }

    private static byte[] Write(DicomJsonWriter writer, IReadOnlyList<DicomDataset> datasets)
    {
        using var stream = new MemoryStream();
        writer.WriteArray(datasets, stream);
        return stream.ToArray();
    }

    /// <summary>Starting inputs: every value form of PS3.18 Annex F (strings, numbers of each VR, PN objects, AT, inline
    /// binary, bulk data URIs, nested and empty sequences, character sets) and an array of datasets.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        yield return ("strings", Utf8("""
            {"00080005":{"vr":"CS","Value":["ISO_IR 192"]},"00080020":{"vr":"DA","Value":["20240131"]},
             "00080030":{"vr":"TM","Value":["101530.25"]},"00080060":{"vr":"CS","Value":["CT","MR"]},
             "00081030":{"vr":"LO","Value":["Étude thoracique"]},"00100020":{"vr":"LO","Value":["ID\\42"]},
             "00104000":{"vr":"LT","Value":["line one\r\nline two"]},"0020000D":{"vr":"UI","Value":["1.2.840.113619.2.1.1"]},
             "00321060":{"vr":"LO"},"00400254":{"vr":"LO","Value":[null,"x"]},"00080080":{"vr":"UT","Value":["text"]},
             "00080090":{"vr":"UC","Value":["a","b"]},"00081190":{"vr":"UR","Value":["https://example.org/x?y=1"]}}
            """));
        yield return ("person-names", Utf8("""
            {"00100010":{"vr":"PN","Value":[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}]},
             "00080090":{"vr":"PN","Value":[{"Alphabetic":"Doe^Jane"},null]},"00081050":{"vr":"PN","Value":["Smith^John=スミス"]}}
            """));
        yield return ("numbers", Utf8("""
            {"00181050":{"vr":"DS","Value":[1.5,-0.25,1e3,"12.5"]},"00200013":{"vr":"IS","Value":[7,-3]},
             "00280010":{"vr":"US","Value":[512]},"00189219":{"vr":"SS","Value":[-32768,32767]},
             "00081160":{"vr":"UL","Value":[4294967295]},"00186020":{"vr":"SL","Value":[-2147483648]},
             "00720076":{"vr":"FL","Value":[3.25,"NaN"]},"0018605A":{"vr":"FD","Value":[1.0e-300,"-Infinity"]},
             "00660040":{"vr":"SV","Value":[-9007199254740993,"-9223372036854775808"]},
             "00660041":{"vr":"UV","Value":["18446744073709551615",0]},"00209165":{"vr":"AT","Value":["00100010","7FE00010"]}}
            """));
        yield return ("binary", Utf8("""
            {"00420011":{"vr":"OB","InlineBinary":"AAECAwQFBgc="},"00660023":{"vr":"OW","InlineBinary":"AAEAAg=="},
             "00660016":{"vr":"OF","InlineBinary":"AACAPw=="},"00720100":{"vr":"UN","InlineBinary":""},
             "7FE00010":{"vr":"OW","BulkDataURI":"https://example.org/studies/1/series/2/instances/3/bulk/7FE00010"}}
            """));
        yield return ("sequences", Utf8("""
            {"00081115":{"vr":"SQ","Value":[{"0020000E":{"vr":"UI","Value":["1.2.3"]},
               "00081199":{"vr":"SQ","Value":[{"00081150":{"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.2"]}},{}]}}]},
             "00400275":{"vr":"SQ","Value":[]},"00400260":{"vr":"SQ"},
             "00091010":{"vr":"LO","Value":["PRIVATE"]},"00091011":{"vr":"UN","InlineBinary":"AQID"}}
            """));
        yield return ("character-set", Utf8("""
            {"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Müller^Jürgen"}]},
             "00081115":{"vr":"SQ","Value":[{"00080005":{"vr":"CS","Value":["ISO_IR 192"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Ωmega"}]}}]}}
            """));
        yield return ("array", Utf8("""
            [{"0020000D":{"vr":"UI","Value":["1.2.3"]},"00201206":{"vr":"IS","Value":[2]}},
             {"0020000D":{"vr":"UI","Value":["1.2.4"]},"00080061":{"vr":"CS","Value":["CT","PT"]}},{}]
            """));
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
