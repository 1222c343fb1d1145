namespace Imaging.Reporting.Spine;

/// <summary>The finding site of each vertebral level: SNOMED CT codes of PS3.16 CID 7603 "Vertebra" (C1–L5), the
/// region for levels that CID has no code for (a 13th thoracic or 6th lumbar vertebra), the sacrum for S1.</summary>
public static class VertebraCodes
{
    // CID 7603 (checked against a rendering of the CID with its SNOMED CT identifiers; README lists the source).
    private static readonly Dictionary<string, CodedConcept> ByLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["C1"] = new("14806007", "SCT", "C1 vertebra"),
        ["C2"] = new("39976000", "SCT", "C2 vertebra"),
        ["C3"] = new("113205007", "SCT", "C3 vertebra"),
        ["C4"] = new("5329002", "SCT", "C4 vertebra"),
        ["C5"] = new("36978003", "SCT", "C5 vertebra"),
        ["C6"] = new("36054005", "SCT", "C6 vertebra"),
        ["C7"] = new("87391001", "SCT", "C7 vertebra"),
        ["T1"] = new("64864005", "SCT", "T1 vertebra"),
        ["T2"] = new("53733008", "SCT", "T2 vertebra"),
        ["T3"] = new("1626008", "SCT", "T3 vertebra"),
        ["T4"] = new("73071006", "SCT", "T4 vertebra"),
        ["T5"] = new("56401006", "SCT", "T5 vertebra"),
        ["T6"] = new("45296009", "SCT", "T6 vertebra"),
        ["T7"] = new("62487009", "SCT", "T7 vertebra"),
        ["T8"] = new("11068009", "SCT", "T8 vertebra"),
        ["T9"] = new("82687006", "SCT", "T9 vertebra"),
        ["T10"] = new("7610001", "SCT", "T10 vertebra"),
        ["T11"] = new("12989004", "SCT", "T11 vertebra"),
        ["T12"] = new("23215003", "SCT", "T12 vertebra"),
        ["L1"] = new("66794005", "SCT", "L1 vertebra"),
        ["L2"] = new("14293000", "SCT", "L2 vertebra"),
        ["L3"] = new("36470004", "SCT", "L3 vertebra"),
        ["L4"] = new("11994002", "SCT", "L4 vertebra"),
        ["L5"] = new("49668003", "SCT", "L5 vertebra"),
        ["S1"] = SkeletalRegionCodes.For("sacrum"),
    };

    /// <summary>The finding site of <paramref name="level"/> (e.g. "T5"); transitional levels (T13, L6) get their
    /// region (thoracic or lumbar spine); null for a name that is no vertebral level.</summary>
    public static CodedConcept? For(string? level)
    {
        if (string.IsNullOrWhiteSpace(level)) return null;
        var name = level.Trim();
        if (ByLevel.TryGetValue(name, out var code)) return code;
        if (name.Length < 2 || !int.TryParse(name.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            return null;
        return char.ToUpperInvariant(name[0]) switch
        {
            'C' => SkeletalRegionCodes.For("cervical-spine"),
            'T' => SkeletalRegionCodes.For("thoracic-spine"),
            'L' => SkeletalRegionCodes.For("lumbar-spine"),
            'S' => SkeletalRegionCodes.For("sacrum"),
            _ => null,
        };
    }
}
