namespace Imaging.Analysis.Spine.Ct;

/// <summary>What the classical CT method found: labelled bodies (null when the spine was not found), the level labels'
/// confidence, its warnings, and which levels bear ribs.</summary>
public sealed record CtBodyFinding(
    VertebralBodyLabels? Labels,
    string LabelConfidence,
    IReadOnlyList<SpineWarning> Warnings,
    IReadOnlyDictionary<string, bool> RibBearing);
