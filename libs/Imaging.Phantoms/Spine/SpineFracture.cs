namespace Imaging.Phantoms.Spine;

/// <summary>A fracture drawn at <paramref name="Level"/> (e.g. "T7"): <paramref name="HeightLossPercent"/> of the level's intact
/// height lost where the type says (anterior for wedge, middle for biconcave, everywhere for crush).</summary>
public sealed record SpineFracture(string Level, VertebralFractureType Type, double HeightLossPercent);
