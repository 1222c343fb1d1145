using System.Globalization;
using System.Text.RegularExpressions;

namespace Imaging.Cli.Tests.Infrastructure;

/// <summary>One element line of a dcmdump-style dump, split into its columns (the name column is dropped: it comes
/// from each tool's own dictionary).</summary>
public sealed partial record DumpLine(int Indent, string Tag, string VR, string Value, string Length, int Multiplicity)
{
    [GeneratedRegex(@"^( *)\(([0-9a-f]{4},[0-9a-f]{4})\) (\S\S) (.*?) # +(\S+), *(\d+) ")]
    private static partial Regex Pattern();

    public static DumpLine? Parse(string line)
    {
        var m = Pattern().Match(line);
        if (!m.Success) return null;
        return new DumpLine(m.Groups[1].Length, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value.TrimEnd(),
            m.Groups[5].Value, int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The element lines of a whole dump, in order; comments, blank lines and tool diagnostics are skipped.</summary>
    public static List<DumpLine> ParseAll(string dump) =>
        dump.Split('\n').Select(l => Parse(l.TrimEnd('\r'))).OfType<DumpLine>().ToList();

    public override string ToString() => $"{new string(' ', Indent)}({Tag}) {VR} {Value} # {Length},{Multiplicity}";
}

/// <summary>Compares our dump with dcmdump's column by column, allowing only the differences we chose on purpose.</summary>
public static class DumpComparison
{
    /// <summary>Null when the lines agree; otherwise what differs.</summary>
    public static string? Difference(DumpLine ours, DumpLine theirs)
    {
        if (ours.Indent != theirs.Indent || ours.Tag != theirs.Tag || ours.VR != theirs.VR ||
            ours.Length != theirs.Length || ours.Multiplicity != theirs.Multiplicity)
            return "structure";
        if (ours.Value == theirs.Value) return null;
        if (theirs.Value.Any(c => c < ' ' || c == '\uFFFD'))
        {
            // dcmdump prints raw bytes (NUL padding, Latin-1, control characters); we decode and escape them.
            return ours.Value.StartsWith('[') == theirs.Value.StartsWith('[') ? null : "text";
        }
        if (ours.VR is "FL" or "FD" or "OF" or "OD") return SameReals(ours.Value, theirs.Value, ours.VR is "FL" or "OF") ? null : "real";
        return "value";
    }

    /// <summary>dcmdump prints more digits than the shortest exact form we print; the values must be the same numbers
    /// as far as both printed them.</summary>
    private static bool SameReals(string ours, string theirs, bool single)
    {
        var a = SplitReals(ours);
        var b = SplitReals(theirs);
        var n = Math.Min(a.Count, b.Count);
        if (n == 0) return false;
        var tolerance = single ? 1e-7 : 1e-15;
        for (var i = 0; i < n; i++)
        {
            if (a[i] == b[i]) continue;
            if (Math.Abs(a[i] - b[i]) > tolerance * Math.Max(Math.Abs(a[i]), Math.Abs(b[i]))) return false;
        }
        return true;
    }

    private static List<double> SplitReals(string value)
    {
        var truncated = value.EndsWith("...", StringComparison.Ordinal);
        var parts = (truncated ? value[..^3] : value).Split('\\');
        var result = new List<double>();
        foreach (var p in parts)
        {
            if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) break;
            result.Add(d);
        }
        return result;
    }
}
