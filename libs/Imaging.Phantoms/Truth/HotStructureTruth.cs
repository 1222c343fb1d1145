namespace Imaging.Phantoms.Truth;

/// <summary>Hot activity that is not a lesion and must not be counted as one: "bladder", "kidney", "injection-site",
/// "extravasation", "degenerative-joint". Position in anterior-frame pixels; size is the extent in mm (FWHM for spots,
/// the long axis for organs).</summary>
public sealed record HotStructureTruth(string Kind, string Name, double X, double Y, double SizeMm, IReadOnlyList<string> Views);
