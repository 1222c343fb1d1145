using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>A whole-body view; the posterior one is mirrored into the anterior frame before analysis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BoneScanView>))]
public enum BoneScanView
{
    [JsonStringEnumMemberName("anterior")] Anterior,
    [JsonStringEnumMemberName("posterior")] Posterior,
}
