namespace Imaging.Reporting;

/// <summary>SNOMED CT finding sites for the skeletal regions the bone-scan analysis counts lesions in (issue 6 region keys).</summary>
public static class SkeletalRegionCodes
{
    private static readonly Dictionary<string, CodedConcept> ByKey = new(StringComparer.Ordinal)
    {
        ["skull"] = new("89546000", "SCT", "Bone structure of cranium"),
        ["cervical-spine"] = new("122494005", "SCT", "Cervical spine"),
        ["thoracic-spine"] = new("122495006", "SCT", "Thoracic spine"),
        ["lumbar-spine"] = new("122496007", "SCT", "Lumbar spine"),
        ["sacrum"] = new("54735007", "SCT", "Sacrum"),
        ["ribs"] = new("113197003", "SCT", "Rib"),
        ["sternum"] = new("56873002", "SCT", "Sternum"),
        ["shoulder"] = new("16982005", "SCT", "Shoulder region"),
        ["pelvis"] = new("12921003", "SCT", "Pelvis"),
        ["upper-limbs"] = new("53120007", "SCT", "Upper limb"),
        ["lower-limbs"] = new("61685007", "SCT", "Lower limb"),
    };

    /// <summary>The region keys in the order reports list them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["skull", "cervical-spine", "thoracic-spine", "lumbar-spine", "sacrum", "ribs", "sternum", "shoulder", "pelvis", "upper-limbs", "lower-limbs"];

    /// <summary>The finding site for a region key of the bone-scan findings document.</summary>
    public static CodedConcept For(string regionKey) =>
        ByKey.TryGetValue(regionKey, out var code) ? code : throw new ArgumentException($"'{regionKey}' is not a known skeletal region.", nameof(regionKey));
}
