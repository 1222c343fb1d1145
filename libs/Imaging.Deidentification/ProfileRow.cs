using System.Globalization;

namespace Imaging.Deidentification;

/// <summary>One row of PS3.15 Table E.1-1: the tag (with its repeating-group mask), the Basic Profile action code
/// ("X", "Z", "D", "U", "K", "C" or a combination such as "X/Z/D") and the action of each option column that names it.</summary>
internal sealed record ProfileRow(uint Tag, uint Mask, string Basic, IReadOnlyDictionary<ProfileColumn, char> Options, string Name)
{
    /// <summary>The option's action for this row, or null when the column is empty.</summary>
    public char? OptionAction(ProfileColumn column) => Options.TryGetValue(column, out var action) ? action : null;

    /// <summary>Parses the table's data lines (<c>tag|basic|options|name</c>).</summary>
    public static ProfileRow[] ParseAll(string data)
    {
        var rows = new List<ProfileRow>();
        foreach (var raw in data.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var fields = line.Split('|');
            if (fields.Length != 4) throw new FormatException($"Bad confidentiality profile row '{line}'.");
            var (tag, mask) = ParseTag(fields[0]);
            var options = new Dictionary<ProfileColumn, char>();
            foreach (var pair in fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.Length != 3 || pair[1] != '=') throw new FormatException($"Bad option '{pair}' in row '{line}'.");
                options.Add(Column(pair[0]), pair[2]);
            }
            rows.Add(new ProfileRow(tag, mask, fields[1], options, fields[3]));
        }
        return rows.ToArray();
    }

    private static (uint Tag, uint Mask) ParseTag(string text)
    {
        // "50xx,xxxx" and "60xx,3000": every x is a wildcard nibble.
        uint tag = 0, mask = 0;
        foreach (var c in text)
        {
            if (c == ',') continue;
            tag <<= 4;
            mask <<= 4;
            if (c is 'x' or 'X') continue;
            tag |= uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            mask |= 0xF;
        }
        return (tag, mask);
    }

    private static ProfileColumn Column(char code) => code switch
    {
        'S' => ProfileColumn.RetainSafePrivate,
        'U' => ProfileColumn.RetainUids,
        'V' => ProfileColumn.RetainDeviceIdentity,
        'I' => ProfileColumn.RetainInstitutionIdentity,
        'P' => ProfileColumn.RetainPatientCharacteristics,
        'F' => ProfileColumn.RetainLongitudinalFullDates,
        'M' => ProfileColumn.RetainLongitudinalModifiedDates,
        'D' => ProfileColumn.CleanDescriptors,
        'T' => ProfileColumn.CleanStructuredContent,
        'G' => ProfileColumn.CleanGraphics,
        _ => throw new FormatException($"Unknown option column '{code}'."),
    };
}
