namespace Imaging.Phantoms.Spine;

/// <summary>A spherical lesion inside the vertebral body of <paramref name="Level"/>; <paramref name="OffsetMm"/> moves it from the
/// body's centre in the body's own frame (lateral to the patient's left, anterior, cranial). It stays inside the cortex.</summary>
public sealed record SpineLesion(string Level, SpineLesionKind Kind, double RadiusMm = 7, double? Hu = null, (double Lateral, double Anterior, double Cranial) OffsetMm = default);
