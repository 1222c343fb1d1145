using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>How a lesion changed since the prior scan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LesionChange>))]
public enum LesionChange
{
    /// <summary>On the current scan with no prior lesion within the match distance.</summary>
    [JsonStringEnumMemberName("new")] New,

    /// <summary>On both scans (matched after alignment).</summary>
    [JsonStringEnumMemberName("persistent")] Persistent,

    /// <summary>On the prior scan only.</summary>
    [JsonStringEnumMemberName("resolved")] Resolved,
}
