using System.Globalization;
using System.Text.RegularExpressions;
using Imaging.Dicom.Segmentation;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Recognises which vertebral level a SEG segment is, from its label or the meaning of its property type (both
/// are free text in practice: "T5", "vertebrae_T5", "L1 vertebra", "Vertebra C5", "Fifth thoracic vertebra"), and gives
/// every level a fixed label value in cranio-caudal order.</summary>
public static partial class VertebraLevelNames
{
    /// <summary>Every level this code knows, cranial first; a level's label value is its index + 1.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Enumerable.Range(1, 7).Select(i => "C" + i.ToString(CultureInfo.InvariantCulture)),
        .. Enumerable.Range(1, 13).Select(i => "T" + i.ToString(CultureInfo.InvariantCulture)),
        .. Enumerable.Range(1, 6).Select(i => "L" + i.ToString(CultureInfo.InvariantCulture)),
        .. Enumerable.Range(1, 5).Select(i => "S" + i.ToString(CultureInfo.InvariantCulture)),
    ];

    private static readonly string[] Ordinals =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth"];

    /// <summary>The label value of <paramref name="level"/> (1 for C1 … 31 for S5).</summary>
    public static byte LabelOf(string level)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], level, StringComparison.Ordinal)) return (byte)(i + 1);
        throw new ArgumentException($"'{level}' is not a vertebral level.", nameof(level));
    }

    /// <summary>The level of a segment: its label first, then its type's and modifier's meanings, then its description.</summary>
    public static string? Of(SegmentationSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Parse(segment.Label) ?? Parse(segment.Type?.Meaning) ?? Parse(segment.Description);
    }

    /// <summary>A level name such as "T5" from free text, or null when the text names no single vertebra.</summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200) return null;
        var t = text.Trim();
        var m = Short().Match(t);
        if (m.Success) return Checked(char.ToUpperInvariant(m.Groups["r"].Value[0]), m.Groups["n"].Value);
        m = Words().Match(t);
        if (m.Success)
        {
            var index = Array.IndexOf(Ordinals, m.Groups["o"].Value.ToLowerInvariant());
            var region = m.Groups["r"].Value.ToLowerInvariant() switch
            {
                "cervical" => 'C',
                "thoracic" => 'T',
                "lumbar" => 'L',
                _ => 'S',
            };
            return index < 0 ? null : Checked(region, (index + 1).ToString(CultureInfo.InvariantCulture));
        }
        return null;
    }

    private static string? Checked(char region, string number)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        var max = region switch { 'C' => 7, 'T' => 13, 'L' => 6, 'S' => 5, _ => 0 };
        return n >= 1 && n <= max ? region + n.ToString(CultureInfo.InvariantCulture) : null;
    }

    // "T5", "t05", "vertebrae_T5", "vertebra T5", "L1 vertebra", "L1 vertebral body", "Vertebra C5".
    [GeneratedRegex(@"^(?:vertebra[el]?[\s_\-]*)?(?<r>[CTLS])[\s_\-]?(?<n>\d{1,2})(?:[\s_\-]+vertebra(?:l body|e)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Short();

    // "Fifth thoracic vertebra", "first lumbar vertebral body".
    [GeneratedRegex(@"^(?:body of )?(?<o>[a-z]+)\s+(?<r>cervical|thoracic|lumbar|sacral)\s+vertebra(?:l body|e)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
