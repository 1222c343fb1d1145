using System.Text.RegularExpressions;

namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>One row of uids.tsv.</summary>
internal sealed record UidRow(string Uid, string Keyword, string Name, string Type, bool IsRetired, bool IsStorage);

/// <summary>Reads the hand-maintained UID table (uids.tsv): uid, keyword, name, type, retired (R|-), storage (S|-).</summary>
internal static partial class UidTable
{
    /// <summary>Must match the members of <c>DicomUidType</c> in libs/Imaging.Dicom/Dictionary/DicomUid.cs.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "TransferSyntax", "SopClass", "MetaSopClass", "WellKnownSopInstance", "ApplicationContextName",
        "CodingScheme", "FrameOfReference", "Other",
    ];

    public static IReadOnlyList<UidRow> Read(string path)
    {
        if (!File.Exists(path)) throw new GeneratorException($"UID table '{path}' does not exist.");

        var rows = new List<UidRow>();
        var uids = new HashSet<string>(StringComparer.Ordinal);
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var where = $"{Path.GetFileName(path)}:{i + 1}";
            var f = line.Split('\t');
            if (f.Length != 6) throw new GeneratorException($"{where}: expected 6 tab-separated columns, found {f.Length}.");

            var (uid, keyword, name, type, retired, storage) = (f[0], f[1], f[2], f[3], f[4], f[5]);
            // PS3.5 9.1: components are numbers without leading zeros, at most 64 characters in all.
            if (uid.Length > 64 || !UidPattern().IsMatch(uid)) throw new GeneratorException($"{where}: '{uid}' is not a valid UID.");
            if (!DicFileParser.Identifier().IsMatch(keyword)) throw new GeneratorException($"{where}: keyword '{keyword}' is not an identifier.");
            if (name.Length == 0 || name.Contains('"') || name.Contains('\\')) throw new GeneratorException($"{where}: name '{name}' is empty or needs escaping.");
            if (!Types.Contains(type)) throw new GeneratorException($"{where}: type '{type}' is not one of {string.Join(", ", Types)}.");
            if (retired is not ("R" or "-")) throw new GeneratorException($"{where}: retired column must be 'R' or '-'.");
            if (storage is not ("S" or "-")) throw new GeneratorException($"{where}: storage column must be 'S' or '-'.");
            if (storage == "S" && type != "SopClass") throw new GeneratorException($"{where}: only a SOP class can be a storage SOP class.");
            if (!uids.Add(uid)) throw new GeneratorException($"{where}: UID {uid} is listed twice.");
            if (!keywords.Add(keyword)) throw new GeneratorException($"{where}: keyword {keyword} is used twice.");

            rows.Add(new UidRow(uid, keyword, name, type, retired == "R", storage == "S"));
        }

        // Output order is numeric UID order whatever order the table is kept in, so edits do not reshuffle the file.
        rows.Sort((a, b) => CompareUids(a.Uid, b.Uid));
        return rows;
    }

    private static int CompareUids(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var byLength = x[i].Length.CompareTo(y[i].Length);
            if (byLength != 0) return byLength;
            var byDigits = string.CompareOrdinal(x[i], y[i]);
            if (byDigits != 0) return byDigits;
        }
        return x.Length.CompareTo(y.Length);
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")]
    private static partial Regex UidPattern();
}
