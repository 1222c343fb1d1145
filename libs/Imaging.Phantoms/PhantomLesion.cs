namespace Imaging.Phantoms;

/// <summary>A metastasis to draw: a Gaussian of <paramref name="FwhmMm"/> whose peak uptake is <paramref name="Contrast"/>
/// times the normal uptake of the bone it sits in (before the system blur, as activity would be set in a physical
/// phantom; the ground truth also gives the peak ratio each view shows after blur).</summary>
public sealed record PhantomLesion(string Id, LesionPlacement At, double FwhmMm = 20, double Contrast = 3, LesionViews Views = LesionViews.Both);
