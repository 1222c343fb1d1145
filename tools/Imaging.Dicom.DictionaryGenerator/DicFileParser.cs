using System.Globalization;
using System.Text.RegularExpressions;

namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>One dictionary entry as the generator emits it.</summary>
/// <param name="Tag">Tag value with the repeating bits at their lowest allowed value (60xx → 6000, 6001-o-60FF → 6001).</param>
/// <param name="Mask">Bits of a tag that must equal <paramref name="Tag"/> for the entry to apply.</param>
/// <param name="VRs">C# names of the <c>DicomVR</c> members; the first is the one an implicit VR reader uses.</param>
internal sealed record TagEntry(
    uint Tag,
    uint Mask,
    IReadOnlyList<string> VRs,
    string ValueMultiplicity,
    string Keyword,
    string Name,
    bool IsRetired,
    string? PrivateCreator);

/// <summary>What one .dic file contributes: its licence notice, the DICOM edition it states, and its entries.</summary>
internal sealed record DicFile(string Path, IReadOnlyList<string> Notice, string? SourceEdition, IReadOnlyList<TagEntry> Entries, IReadOnlyList<string> Skipped);

/// <summary>Reads DCMTK's tab-separated data dictionary format (dicom.dic and private.dic).</summary>
internal static partial class DicFileParser
{
    private static readonly HashSet<string> RealVRs =
    [
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    ];

    public static DicFile Parse(string path, bool isPrivate)
    {
        if (!File.Exists(path))
        {
            throw new GeneratorException($"'{path}' does not exist. On Debian or Ubuntu it comes with 'apt-get install dcmtk'.");
        }

        var lines = File.ReadAllLines(path);
        var notice = ReadNotice(lines, path);
        var edition = lines.Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim())
            .FirstOrDefault(l => l.StartsWith("Generated automatically from", StringComparison.Ordinal));

        // DCMTK lets a later line redefine an earlier one; keeping the last definition matches how it loads the file.
        var entries = new Dictionary<(string?, uint, uint), TagEntry>();
        var skipped = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{System.IO.Path.GetFileName(path)}:{i + 1}";
            var entry = isPrivate ? ParsePrivate(line, where, skipped) : ParsePublic(line, where, skipped);
            if (entry is not null) entries[(entry.PrivateCreator, entry.Tag, entry.Mask)] = entry;
        }

        var ordered = entries.Values
            .OrderBy(e => e.PrivateCreator, StringComparer.Ordinal)
            .ThenBy(e => e.Tag)
            .ThenBy(e => e.Mask)
            .ToList();
        return new DicFile(path, notice, edition, ordered, skipped);
    }

    /// <summary>The comment block at the top of the file up to the "Module:" line: copyright and authorship.</summary>
    private static List<string> ReadNotice(string[] lines, string path)
    {
        var notice = new List<string>();
        foreach (var line in lines)
        {
            if (!line.StartsWith('#')) break;
            var text = line[1..].TrimEnd();
            if (text.TrimStart().StartsWith("Module:", StringComparison.Ordinal))
            {
                while (notice.Count > 0 && notice[^1].Length == 0) notice.RemoveAt(notice.Count - 1);
                while (notice.Count > 0 && notice[0].Length == 0) notice.RemoveAt(0);
                if (!notice.Any(l => l.Contains("Copyright", StringComparison.Ordinal)))
                {
                    throw new GeneratorException($"'{path}' has no copyright line before 'Module:'; the licence notice cannot be carried over.");
                }
                return notice;
            }
            notice.Add(text.StartsWith("  ", StringComparison.Ordinal) ? text[2..] : text.TrimStart());
        }
        throw new GeneratorException($"'{path}' does not start with the usual OFFIS comment header (no 'Module:' line).");
    }

    private static string[] Fields(string line, string where)
    {
        var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 4) throw new GeneratorException($"{where}: expected 'tag, VR, name, VM[, version]' but got '{line}'.");
        return fields;
    }

    private static TagEntry? ParsePublic(string line, string where, List<string> skipped)
    {
        var fields = Fields(line, where);
        var version = fields.Length > 4 ? fields[4] : "";

        // PRIVATE, ILLEGAL and GENERIC lines are DCMTK's own catch-alls (group lengths, private creators), not PS3.6
        // entries; the library handles those tags by rule in DicomDictionary.GetImplicitVR.
        if (version != "DICOM" && !version.StartsWith("DICOM/", StringComparison.Ordinal))
        {
            skipped.Add($"{fields[0]} {fields[2]} ({version})");
            return null;
        }

        var match = PublicTagPattern().Match(fields[0]);
        if (!match.Success) throw new GeneratorException($"{where}: cannot read tag '{fields[0]}'.");
        var (group, groupMask) = Range(match.Groups["g"].Value, where);
        var (element, elementMask) = Range(match.Groups["e"].Value, where);

        var keyword = fields[2].StartsWith("RETIRED_", StringComparison.Ordinal) ? fields[2]["RETIRED_".Length..] : fields[2];
        if (!Identifier().IsMatch(keyword)) throw new GeneratorException($"{where}: keyword '{keyword}' is not an identifier.");

        return new TagEntry(
            (group << 16) | element,
            (groupMask << 16) | elementMask,
            VRs(fields[1], where),
            fields[3],
            keyword,
            Words.Split(keyword),
            version == "DICOM/retired",
            null);
    }

    private static TagEntry? ParsePrivate(string line, string where, List<string> skipped)
    {
        var fields = Fields(line, where);
        if (fields.Length > 4 && fields[4] != "PrivateTag")
        {
            throw new GeneratorException($"{where}: unexpected version '{fields[4]}' in a private dictionary.");
        }

        var match = PrivateTagPattern().Match(fields[0]);
        if (!match.Success) throw new GeneratorException($"{where}: cannot read private tag '{fields[0]}'.");
        var (group, groupMask) = Range(match.Groups["g"].Value, where);
        if ((group & 1) == 0) throw new GeneratorException($"{where}: private tags live in odd groups, not {group:X4}.");

        // PS3.5 7.8.1 forbids private elements in groups 0001-0007, and DicomTag.IsPrivate agrees, so a lookup could
        // never reach these.
        if (group < 0x0009)
        {
            skipped.Add(fields[0]);
            return null;
        }

        // Two hex digits: the element's low byte, valid in whatever block (xx) the creator was given. Four digits:
        // a fixed element number, so only the block named in it matches.
        var elementText = match.Groups["e"].Value;
        var element = uint.Parse(elementText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var elementMask = elementText.Length == 2 ? 0x00FFu : 0xFFFFu;

        var raw = fields[2];
        var keyword = new string(raw.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (keyword.Length == 0) throw new GeneratorException($"{where}: name '{raw}' has no letters or digits.");
        var name = keyword == raw ? Words.Split(raw) : raw;

        return new TagEntry(
            (group << 16) | element,
            (groupMask << 16) | elementMask,
            VRs(fields[1], where),
            fields[3],
            keyword,
            name,
            false,
            match.Groups["c"].Value);
    }

    /// <summary>Turns dicom.dic's range notation into a value and mask: "6000-60FF" is every even group in between,
    /// "-o-" every odd one, "-u-" all of them.</summary>
    private static (uint Value, uint Mask) Range(string text, string where)
    {
        var match = RangePattern().Match(text);
        if (!match.Success) throw new GeneratorException($"{where}: cannot read '{text}'.");
        var low = uint.Parse(match.Groups["lo"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (!match.Groups["hi"].Success) return (low, 0xFFFF);
        var high = uint.Parse(match.Groups["hi"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var parity = match.Groups["p"].Success ? match.Groups["p"].Value : "e";

        var baseValue = parity == "u" ? low : low & ~1u;
        var varying = baseValue ^ high;
        if ((parity == "e" && (low & 1) != 0) || (parity == "o" && ((low & 1) == 0 || (high & 1) == 0)))
        {
            throw new GeneratorException($"{where}: range '{text}' starts or ends on the wrong parity.");
        }

        // A lookup by mask can only express ranges that are whole aligned blocks; anything else must be rejected
        // rather than silently widened.
        if ((varying & (varying + 1)) != 0 || (baseValue & varying) != 0)
        {
            throw new GeneratorException($"{where}: range '{text}' is not an aligned block and cannot be matched by mask.");
        }

        var mask = ~varying & 0xFFFF;
        return parity switch
        {
            "u" => (baseValue, mask),
            "o" => (baseValue | 1, mask | 1),
            _ => (baseValue, mask | 1),
        };
    }

    private static IReadOnlyList<string> VRs(string text, string where) => text switch
    {
        "xs" => ["US", "SS"],
        // PS3.5 A.1 has Implicit VR Little Endian read Pixel, Overlay and Waveform Data as OW, so OW leads.
        "ox" or "px" => ["OW", "OB"],
        "lt" => ["US", "SS", "OW"],
        "up" => ["UL"],
        "na" => ["None"],
        _ when RealVRs.Contains(text) => [text],
        _ => throw new GeneratorException($"{where}: unknown VR '{text}'."),
    };

    [GeneratedRegex(@"^\((?<g>[0-9A-Fa-f]{4}(?:-(?:[ou]-)?[0-9A-Fa-f]{4})?),(?<e>[0-9A-Fa-f]{4}(?:-(?:[ou]-)?[0-9A-Fa-f]{4})?)\)$")]
    private static partial Regex PublicTagPattern();

    [GeneratedRegex("""^\((?<g>[0-9A-Fa-f]{4}(?:-(?:[ou]-)?[0-9A-Fa-f]{4})?),"(?<c>[^"]+)",(?<e>[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})\)$""")]
    private static partial Regex PrivateTagPattern();

    [GeneratedRegex("^(?<lo>[0-9A-Fa-f]{4})(?:-(?:(?<p>[ou])-)?(?<hi>[0-9A-Fa-f]{4}))?$")]
    private static partial Regex RangePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    internal static partial Regex Identifier();
}
