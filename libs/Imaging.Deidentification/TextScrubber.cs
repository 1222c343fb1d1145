using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>Action C for free text (Clean Descriptors, Clean Structured Content, Clean Graphics and the cleaned patient
/// characteristics): every identifying value of the instance itself (names and their parts, IDs, accession number,
/// birth date in common spellings, institution, station, addresses, telephone numbers) is replaced by "***" wherever it
/// appears, case-insensitively; the rest of the text is kept.</summary>
/// <remarks>This removes what the instance knows about its patient; it cannot recognise identities it was never told
/// (a name typed into a comment that appears nowhere else). README.md says so.</remarks>
internal sealed class TextScrubber
{
    private const string Mask = "***";
    private readonly string[] _needles;

    private TextScrubber(string[] needles) => _needles = needles;

    /// <summary>Collects the identifying values of <paramref name="dataset"/> (top level and nested items) before it
    /// is changed.</summary>
    public static TextScrubber From(DicomDataset dataset)
    {
        var needles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(dataset, needles, depth: 0);
        // Longest first, so "Smith-Jones" is masked whole before "Smith" would leave "-Jones" behind.
        return new TextScrubber(needles.Where(n => n.Length >= 2).OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToArray());
    }

    /// <summary>The text with every identifying value masked.</summary>
    public string Clean(string text)
    {
        foreach (var needle in _needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
                text = text.Replace(needle, Mask, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    private static readonly HashSet<uint> IdentifyingTags =
    [
        0x00100010, 0x00100020, 0x00101000, 0x00101001, 0x00101005, 0x00101060, 0x00101040, 0x00102154, 0x00102155,
        0x00100021, 0x00080050, 0x00080090, 0x00080092, 0x00080094, 0x0008009C, 0x00081048, 0x00081050, 0x00081060,
        0x00081070, 0x00080080, 0x00080081, 0x00081040, 0x00081010, 0x00200010, 0x00380010, 0x00400253, 0x00400009,
        0x00401001, 0x00402016, 0x00402017, 0x00321032, 0x00400006, 0x00404037, 0x00102297, 0x00102299, 0x00120040,
        0x00120042, 0x0040A123, 0x0040A075, 0x00181000, 0x00380060,
    ];

    private static void Collect(DicomDataset dataset, HashSet<string> needles, int depth)
    {
        if (depth > 8) return;
        foreach (var attribute in dataset)
        {
            if (attribute is DicomSequence sequence)
            {
                foreach (var item in sequence.Items) Collect(item, needles, depth + 1);
                continue;
            }
            if (attribute is not DicomElement element || element.IsEmpty) continue;
            if (attribute.Tag.Value == 0x00100030)
            {
                foreach (var date in element.GetStrings()) AddDate(date, needles);
                continue;
            }
            if (!IdentifyingTags.Contains(attribute.Tag.Value) || !DicomVRInfo.IsString(element.VR)) continue;
            foreach (var value in element.GetStrings(dataset.CharacterSet))
            {
                var trimmed = value.Trim();
                if (trimmed.Length == 0) continue;
                needles.Add(trimmed);
                if (element.VR == DicomVR.PN)
                {
                    // Each name component on its own: "Smith^John" also appears as "John Smith" in free text.
                    foreach (var part in trimmed.Split(['^', '=', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        if (part.Length >= 3) needles.Add(part);
                }
            }
        }
    }

    private static void AddDate(string date, HashSet<string> needles)
    {
        if (date.Length != 8 || !date.All(char.IsAsciiDigit)) return;
        string y = date[..4], m = date[4..6], d = date[6..];
        needles.Add(date);
        needles.Add($"{y}-{m}-{d}");
        needles.Add($"{y}.{m}.{d}");
        needles.Add($"{y}/{m}/{d}");
        needles.Add($"{d}.{m}.{y}");
        needles.Add($"{d}/{m}/{y}");
        needles.Add($"{m}/{d}/{y}");
    }
}
