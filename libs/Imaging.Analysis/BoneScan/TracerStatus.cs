using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>Whether the study's tracer is one the lesion count is calibrated for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TracerStatus>))]
public enum TracerStatus
{
    /// <summary>Tc-99m (140 keV): analysed and counted.</summary>
    [JsonStringEnumMemberName("analysed")] Analysed,

    /// <summary>No tracer recorded: analysed as Tc-99m with a warning (routing already judged it a bone scan).</summary>
    [JsonStringEnumMemberName("unknown-tracer")] UnknownTracer,

    /// <summary>Another tracer (Sm-153 post-therapy at 103 keV, I-131, ...): recorded, not counted.</summary>
    [JsonStringEnumMemberName("not-counted")] NotCounted,

    /// <summary>The images could not be analysed (no readable view, corrupt pixel data).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
