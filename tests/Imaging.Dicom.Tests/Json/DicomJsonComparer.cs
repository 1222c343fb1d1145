using System.Globalization;
using System.Text.Json;

namespace Imaging.Dicom.Tests.Json;

/// <summary>What kind of difference <see cref="DicomJsonComparer"/> found.</summary>
public enum JsonDifferenceKind
{
    /// <summary>An attribute or member is only in the expected document.</summary>
    Missing,
    /// <summary>An attribute or member is only in the actual document.</summary>
    Extra,
    /// <summary>Same attribute, different "vr".</summary>
    VR,
    /// <summary>A value (or its JSON type) differs.</summary>
    Value,
    /// <summary>Different numbers of values or items.</summary>
    Count,
    /// <summary>Same attributes in another order.</summary>
    Order,
}

/// <summary>One difference: where (JSONPath), in which attribute and VR, and the two sides' raw JSON.</summary>
public sealed record JsonDifference(JsonDifferenceKind Kind, string Path, string Tag, string? VR, string Expected, string Actual, string ExpectedName, string ActualName)
{
    public override string ToString() => Kind switch
    {
        JsonDifferenceKind.Missing => $"{Path}: only in {ExpectedName}: {Clip(Expected)}",
        JsonDifferenceKind.Extra => $"{Path}: only in {ActualName}: {Clip(Actual)}",
        _ => $"{Path}: {ExpectedName} has {Clip(Expected)}, {ActualName} has {Clip(Actual)}",
    };

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length} characters)";
}

/// <summary>Compares two DICOM JSON documents for meaning rather than spelling, listing where they differ.</summary>
/// <remarks>
/// What counts as the same:
/// <list type="bullet">
/// <item>Whitespace and member order inside an attribute object (the parse ignores both).</item>
/// <item>Number spelling: FL values are equal when they round to the same float (dcm2json prints nine significant digits,
/// this toolkit the shortest round-trip form), everything else when the values are equal as doubles ("1E03" = "1E+03").
/// FD values may also differ by one unit in the last place: DCMTK's own double formatting is not always correctly
/// rounded (it prints the double 0x3F9A16902AB2905D as 0.025476696592378154, which reads back one ulp lower).</item>
/// <item>The value of Specific Character Set (0008,0005): dcm2json transcodes to UTF-8 and rewrites it to "ISO_IR 192", while
/// PS3.18 F.2.2 note 3 keeps the source's value; only its presence and VR are compared.</item>
/// </list>
/// Within one attribute only the first difference is reported (after a VR mismatch the values cannot be compared);
/// every attribute of every item is visited.
/// </remarks>
public static class DicomJsonComparer
{
    public static IReadOnlyList<JsonDifference> Compare(string expectedJson, string actualJson, string expectedName = "expected", string actualName = "actual")
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        var comparison = new Comparison(expectedName, actualName);
        comparison.Dataset(expected.RootElement, actual.RootElement, "$");
        return comparison.Differences;
    }

    /// <summary>Null when equal, else the first difference as text.</summary>
    public static string? FirstDifference(string expectedJson, string actualJson, string expectedName = "expected", string actualName = "actual") =>
        Compare(expectedJson, actualJson, expectedName, actualName).FirstOrDefault()?.ToString();

    private sealed class Comparison(string expectedName, string actualName)
    {
        public List<JsonDifference> Differences { get; } = [];

        private JsonDifference Difference(JsonDifferenceKind kind, string path, string tag, string? vr, string expected, string actual) =>
            new(kind, path, tag, vr, expected, actual, expectedName, actualName);

        public void Dataset(JsonElement expected, JsonElement actual, string path)
        {
            if (expected.ValueKind != JsonValueKind.Object || actual.ValueKind != JsonValueKind.Object)
            {
                Differences.Add(Difference(JsonDifferenceKind.Value, path, "", null, expected.GetRawText(), actual.GetRawText()));
                return;
            }
            var e = expected.EnumerateObject().Select(p => p.Name).ToList();
            var a = actual.EnumerateObject().Select(p => p.Name).ToList();
            foreach (var key in e.Union(a).Order(StringComparer.Ordinal))
            {
                var attributePath = $"{path}['{key}']";
                var inExpected = expected.TryGetProperty(key, out var ev);
                var inActual = actual.TryGetProperty(key, out var av);
                if (!inExpected) Differences.Add(Difference(JsonDifferenceKind.Extra, attributePath, key, VROf(av), "", av.GetRawText()));
                else if (!inActual) Differences.Add(Difference(JsonDifferenceKind.Missing, attributePath, key, VROf(ev), ev.GetRawText(), ""));
                else Attribute(key, ev, av, attributePath);
            }
            var common = e.Intersect(a).ToList();
            if (!common.SequenceEqual(a.Intersect(e), StringComparer.Ordinal))
                Differences.Add(Difference(JsonDifferenceKind.Order, path, "", null, string.Join(",", e), string.Join(",", a)));
        }

        private static string? VROf(JsonElement attribute) =>
            attribute.ValueKind == JsonValueKind.Object && attribute.TryGetProperty("vr", out var vr) && vr.ValueKind == JsonValueKind.String ? vr.GetString() : null;

        private void Attribute(string key, JsonElement expected, JsonElement actual, string path)
        {
            var vr = VROf(expected);
            var actualVR = VROf(actual);
            if (vr != actualVR)
            {
                Differences.Add(Difference(JsonDifferenceKind.VR, path + ".vr", key, vr, vr ?? "(none)", actualVR ?? "(none)"));
                return;
            }
            var members = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name))
                .Where(m => m != "vr").Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                var memberPath = $"{path}.{member}";
                var inExpected = expected.TryGetProperty(member, out var ev);
                var inActual = actual.TryGetProperty(member, out var av);
                JsonDifference? difference;
                if (!inExpected) difference = Difference(JsonDifferenceKind.Extra, memberPath, key, vr, "", av.GetRawText());
                else if (!inActual) difference = Difference(JsonDifferenceKind.Missing, memberPath, key, vr, ev.GetRawText(), "");
                else if (key == "00080005" && member == "Value") difference = null;
                else if (member == "Value") difference = Values(key, vr ?? "", ev, av, memberPath);
                else difference = Scalar(key, vr ?? "", ev, av, memberPath);
                if (difference is null) continue;
                Differences.Add(difference);
                return;
            }
        }

        private JsonDifference? Values(string key, string vr, JsonElement expected, JsonElement actual, string path)
        {
            if (expected.ValueKind != JsonValueKind.Array || actual.ValueKind != JsonValueKind.Array)
                return Difference(JsonDifferenceKind.Value, path, key, vr, expected.GetRawText(), actual.GetRawText());
            var e = expected.EnumerateArray().ToArray();
            var a = actual.EnumerateArray().ToArray();
            if (e.Length != a.Length)
                return Difference(JsonDifferenceKind.Count, path, key, vr, $"{e.Length} values", $"{a.Length} values");
            for (var i = 0; i < e.Length; i++)
            {
                var itemPath = $"{path}[{i}]";
                if (vr == "SQ")
                {
                    Dataset(e[i], a[i], itemPath);
                    continue;
                }
                var difference = Scalar(key, vr, e[i], a[i], itemPath);
                if (difference is not null) return difference;
            }
            return null;
        }

        private JsonDifference? Scalar(string key, string vr, JsonElement expected, JsonElement actual, string path)
        {
            var same = expected.ValueKind == actual.ValueKind && expected.ValueKind switch
            {
                JsonValueKind.Number => SameNumber(expected.GetRawText(), actual.GetRawText(), vr),
                JsonValueKind.String => expected.GetString() == actual.GetString(),
                JsonValueKind.Object => SameObject(expected, actual),
                _ => expected.GetRawText() == actual.GetRawText(),
            };
            return same ? null : Difference(JsonDifferenceKind.Value, path, key, vr, expected.GetRawText(), actual.GetRawText());
        }

        private static bool SameObject(JsonElement expected, JsonElement actual)
        {
            var e = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            var a = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            return e.Count == a.Count && e.All(p => a.TryGetValue(p.Key, out var v) && v == p.Value);
        }

        private static bool SameNumber(string expected, string actual, string vr)
        {
            if (expected == actual) return true;
            if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) ||
                !double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a))
                return false;
            return vr switch
            {
                "FL" => (float)e == (float)a,
                "FD" => e == a || Math.BitIncrement(e) == a || Math.BitDecrement(e) == a,
                _ => e == a,
            };
        }
    }
}
