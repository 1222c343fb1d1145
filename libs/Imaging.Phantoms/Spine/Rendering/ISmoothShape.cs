namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>A shape that changes slowly along the table (body outline, lungs): painted once per slice rather than once per
/// plane of the slice profile. Such shapes come first in the painting order.</summary>
internal interface ISmoothShape : ICtShape;
