using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>The skeletal regions lesions are counted in (the region map), with their JSON names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkeletalRegion>))]
public enum SkeletalRegion
{
    [JsonStringEnumMemberName("skull")] Skull,
    [JsonStringEnumMemberName("cervical-spine")] CervicalSpine,
    [JsonStringEnumMemberName("thoracic-spine")] ThoracicSpine,
    [JsonStringEnumMemberName("lumbar-spine")] LumbarSpine,
    [JsonStringEnumMemberName("sacrum")] Sacrum,
    [JsonStringEnumMemberName("ribs")] Ribs,
    [JsonStringEnumMemberName("sternum")] Sternum,
    [JsonStringEnumMemberName("shoulder")] Shoulder,
    [JsonStringEnumMemberName("pelvis")] Pelvis,
    [JsonStringEnumMemberName("upper-limbs")] UpperLimbs,
    [JsonStringEnumMemberName("lower-limbs")] LowerLimbs,
}
