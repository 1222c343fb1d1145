using System.Globalization;
using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>Private attributes kept under Retain Safe Private (PS3.15 E.3.10): a built-in list of numeric acquisition
/// parameters that identify nobody, plus <see cref="DeidentificationOptions.SafePrivateAllowList"/>. An entry names the
/// creator, the group and the element byte within the block ("creator/gggg,xxee"), since the block (xx) a creator gets
/// differs from file to file.</summary>
internal sealed class SafePrivateAllowList
{
    /// <summary>Built in: diffusion b-values and gradient directions, the commonest safe private attributes research
    /// needs (numbers only; PS3.15 Table E.3.10-1 lists them among its examples).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        "SIEMENS MR HEADER/0019,xx0C",
        "SIEMENS MR HEADER/0019,xx0D",
        "SIEMENS MR HEADER/0019,xx0E",
        "SIEMENS MR HEADER/0019,xx27",
        "GEMS_PARM_01/0043,xx39",
        "Philips Imaging DD 001/2001,xx03",
        "Philips Imaging DD 001/2001,xx04",
    ];

    private readonly HashSet<(string Creator, ushort Group, byte Element)> _entries;

    private SafePrivateAllowList(HashSet<(string, ushort, byte)> entries) => _entries = entries;

    /// <summary>The built-in list plus <paramref name="extra"/>; a malformed entry is a <see cref="FormatException"/>.</summary>
    public static SafePrivateAllowList Create(IEnumerable<string> extra)
    {
        var entries = new HashSet<(string, ushort, byte)>();
        foreach (var entry in BuiltIn.Concat(extra)) entries.Add(Parse(entry));
        return new SafePrivateAllowList(entries);
    }

    /// <summary>True when the private data element <paramref name="tag"/> of <paramref name="creator"/> is safe.</summary>
    public bool IsSafe(string? creator, DicomTag tag) =>
        creator is not null && _entries.Contains((creator.Trim(' ', '\0'), tag.Group, (byte)tag.Element));

    /// <summary>Parses "creator/gggg,xxee".</summary>
    public static (string Creator, ushort Group, byte Element) Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var slash = entry.LastIndexOf('/');
        var tagText = slash < 0 ? string.Empty : entry[(slash + 1)..].Trim().Trim('(', ')');
        var parts = tagText.Split(',');
        if (slash <= 0 || parts.Length != 2 || parts[0].Length != 4 || parts[1].Length != 4 ||
            !ushort.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var group) || (group & 1) == 0 ||
            !parts[1].StartsWith("xx", StringComparison.OrdinalIgnoreCase) ||
            !byte.TryParse(parts[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var element))
        {
            throw new FormatException($"Safe private entry '{entry}' is not \"creator/gggg,xxee\" with an odd group gggg.");
        }
        return (entry[..slash].Trim(), group, element);
    }
}
