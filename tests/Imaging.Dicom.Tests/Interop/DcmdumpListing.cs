using System.Text;
using System.Text.RegularExpressions;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>One element line of a dcmdump listing: nesting depth, tag, VR, value as printed and length.</summary>
public sealed record DumpLine(int Depth, string Tag, string VR, string Value, string Length)
{
    public override string ToString() => $"{new string(' ', Depth * 2)}({Tag}) {VR} {Value} #{Length}";
}

/// <summary>Parses dcmdump output into the lines that describe the dataset, normalised so that two encodings of the same
/// dataset give the same lines.</summary>
/// <remarks>Dropped or blanked, because they describe the encoding rather than the data: the meta header and the
/// "# Used TransferSyntax" line; item and sequence delimiters; "explicit/undefined length" and the lengths of sequences
/// and items; the values of group lengths (which differ between implicit and explicit VR and which writers recompute).
/// Kept: every element's tag, VR, value as DCMTK prints it (in host byte order, so big and little endian agree) and
/// length.</remarks>
public static partial class DcmdumpListing
{
    [GeneratedRegex(@"^(?<indent> *)\((?<group>[0-9a-f]{4}),(?<element>[0-9a-f]{4})\) (?<vr>\S\S) (?<value>.*?)\s*# *(?<length>\d+|u/l), *(?<vm>\d+) (?<name>[^#]*)$")]
    private static partial Regex ElementLine();

    public static IReadOnlyList<DumpLine> Parse(string listing)
    {
        var lines = listing.Replace("\r", "").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal));
        var result = new List<DumpLine>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith('#')) continue;
            var m = ElementLine().Match(line);
            if (!m.Success)
            {
                result.Add(new DumpLine(0, "????,????", "??", line, ""));
                continue;
            }
            var group = m.Groups["group"].Value;
            var element = m.Groups["element"].Value;
            var vr = m.Groups["vr"].Value;
            var value = m.Groups["value"].Value;
            var length = m.Groups["length"].Value;
            if (group == "fffe" && element is "e00d" or "e0dd") continue;
            if (element == "0000")
            {
                value = "";
                length = "";
            }
            if (vr == "SQ" || (group == "fffe" && element == "e000" && vr == "na"))
            {
                value = value.Replace("with explicit length ", "").Replace("with undefined length ", "");
                length = "";
            }
            result.Add(new DumpLine(m.Groups["indent"].Value.Length / 2, $"{group},{element}", vr, value, length));
        }
        return result;
    }

    /// <summary>DCMTK's pseudo-VRs for an element whose VR it could not settle (US or SS, OB or OW, ...).</summary>
    public static bool IsAmbiguousVR(string vr) => vr is "xs" or "ox" or "lt" or "px" or "up";

    /// <summary>Where one side has an ambiguous VR (an UN element given its VR by dcmdump +uc without the context
    /// that settles US or SS), keep only tag and length: the value is printed for a VR that may not be the right one.</summary>
    public static IReadOnlyList<DumpLine> LooseAmbiguous(IReadOnlyList<DumpLine> lines, IReadOnlyList<DumpLine> other) =>
        lines.Select((l, i) => i < other.Count && l.Tag == other[i].Tag && (IsAmbiguousVR(l.VR) || IsAmbiguousVR(other[i].VR))
            ? l with { VR = "**", Value = "*" }
            : l).ToList();

    /// <summary>Private elements (odd groups) reduced to tag and length: their VR comes from whichever private dictionary
    /// the reader has.</summary>
    public static IReadOnlyList<DumpLine> LoosePrivate(IReadOnlyList<DumpLine> lines) =>
        lines.Select(l => IsPrivateGroup(l.Tag) ? l with { VR = "**", Value = "*" } : l).ToList();

    private static bool IsPrivateGroup(string tag) =>
        int.TryParse(tag.AsSpan(0, 4), System.Globalization.NumberStyles.HexNumber, null, out var group) && (group & 1) == 1 && group > 7 && group != 0xFFFF;

    /// <summary>Fails with a readable diff when two listings differ.</summary>
    public static void AssertSame(IReadOnlyList<DumpLine> expected, IReadOnlyList<DumpLine> actual, string context)
    {
        var differences = new StringBuilder();
        var count = 0;
        var n = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < n && count < 15; i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            if (e == a) continue;
            count++;
            differences.Append("\n  line ").Append(i).Append(":\n    expected ").Append(e?.ToString() ?? "(end)").Append("\n    actual   ").Append(a?.ToString() ?? "(end)");
        }
        Assert.True(count == 0, $"{context}: dcmdump listings differ ({expected.Count} vs {actual.Count} lines):{differences}");
    }
}
