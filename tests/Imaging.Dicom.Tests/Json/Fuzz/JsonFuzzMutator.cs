using System.Text;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Json.Fuzz;

/// <summary>A deterministic mutator for JSON: half the time the byte-level <see cref="FuzzMutator"/>, otherwise a
/// token-aware edit (a value, VR, key or bracket swapped for another JSON or DICOM token), which keeps more inputs
/// syntactically valid so the DICOM layer of the reader is reached.</summary>
public sealed class JsonFuzzMutator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly FuzzMutator _bytes = new(seed);

    private static readonly string[] Tokens =
    [
        "null", "true", "false", "0", "-0", "1e309", "-1e-400", "18446744073709551616", "-9223372036854775809", "0.1",
        "\"\"", "\"NaN\"", "\"Infinity\"", "\"\\u0000\"", "\"\\ud800\"", "\"" + new string('9', 40) + "\"", "[]", "{}", "[null]",
        "{\"vr\":\"SQ\",\"Value\":[{}]}", "\"vr\"", "\"Value\"", "\"InlineBinary\"", "\"BulkDataURI\"", "\"Alphabetic\"",
        "\"SQ\"", "\"PN\"", "\"DS\"", "\"IS\"", "\"AT\"", "\"OB\"", "\"UN\"", "\"SV\"", "\"UV\"", "\"FD\"", "\"US\"", "\"XX\"",
        "\"00000000\"", "\"FFFFFFFF\"", "\"7FE00010\"", "\"00080005\"", "\"0008\"", "\"zz\"", "\"=^=\"", "\"AAE=\"", "\"A\"",
        ",", ":", "[", "]", "{", "}",
    ];

    public byte[] Mutate(byte[] input)
    {
        if (_random.Next(2) == 0) return _bytes.Mutate(input);
        var text = Encoding.UTF8.GetString(input);
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++) text = MutateOnce(text);
        return Encoding.UTF8.GetBytes(text);
    }

    private string MutateOnce(string text)
    {
        var (start, length) = TokenAt(text, _random.Next(text.Length + 1));
        return _random.Next(4) switch
        {
            0 => text.Remove(start, length),
            1 => text.Insert(start, Tokens[_random.Next(Tokens.Length)]),
            2 => NestDeep(text, start),
            _ => text.Remove(start, length).Insert(start, Tokens[_random.Next(Tokens.Length)]),
        };
    }

    // Sequences nested past the depth cap, which a recursive reader must refuse rather than overflow its stack.
    private string NestDeep(string text, int at)
    {
        var depth = _random.Next(2) == 0 ? 17 : 200;
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++) nested.Append("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[");
        nested.Append("{}");
        for (var i = 0; i < depth; i++) nested.Append("]}}");
        return text.Insert(at, nested.ToString());
    }

    /// <summary>The JSON token around <paramref name="position"/>: a string with its quotes, a number or word, or one punctuation character.</summary>
    private static (int Start, int Length) TokenAt(string text, int position)
    {
        if (position >= text.Length) return (text.Length, 0);
        var c = text[position];
        if ("{}[],:".Contains(c)) return (position, 1);
        if (char.IsWhiteSpace(c)) return (position, 1);
        var start = position;
        var end = position;
        if (c == '"' || InsideString(text, position))
        {
            while (start > 0 && !(text[start] == '"' && text[start - 1] != '\\')) start--;
            end = start + 1;
            while (end < text.Length && !(text[end] == '"' && text[end - 1] != '\\')) end++;
            return (start, Math.Min(end + 1, text.Length) - start);
        }
        while (start > 0 && !"{}[],: \"".Contains(text[start - 1])) start--;
        while (end < text.Length && !"{}[],: \"".Contains(text[end])) end++;
        return (start, end - start);
    }

    private static bool InsideString(string text, int position)
    {
        var inside = false;
        for (var i = 0; i < position; i++)
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) inside = !inside;
        return inside;
    }
}
