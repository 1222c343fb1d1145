using System.Text.Json.Serialization;

namespace Imaging.Analysis.Routing;

/// <summary>What a series holds, as far as this product's analyzers care.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SeriesContentKind>))]
public enum SeriesContentKind
{
    /// <summary>Anything the analyzers below do not handle.</summary>
    [JsonStringEnumMemberName("other")]
    Other,

    /// <summary>A planar whole-body nuclear medicine bone scan (Tc-99m MDP/HDP/DPD).</summary>
    [JsonStringEnumMemberName("nm-whole-body-bone-scan")]
    NmWholeBodyBoneScan,

    /// <summary>A CT series of the spine.</summary>
    [JsonStringEnumMemberName("ct-spine")]
    CtSpine,

    /// <summary>An MR series of the spine.</summary>
    [JsonStringEnumMemberName("mr-spine")]
    MrSpine,
}
