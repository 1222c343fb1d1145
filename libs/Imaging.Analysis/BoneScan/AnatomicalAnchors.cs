namespace Imaging.Analysis.BoneScan;

/// <summary>Landmarks found on the outline and skeleton, as rows (and the spine's mean column) of the anterior frame;
/// kept in the result so a later scan can be aligned to this one.</summary>
/// <param name="HeadTop">First row of the head.</param>
/// <param name="Neck">Narrowest row between head and shoulders.</param>
/// <param name="Shoulders">First row below the neck where the outline widens to the shoulders.</param>
/// <param name="IliacCrests">Row of the iliac crests (where the pelvis' bone width jumps).</param>
/// <param name="Knees">Row of the knee joints (skeletal row-profile maximum of the legs).</param>
/// <param name="Feet">Last row of the body.</param>
/// <param name="SpineColumn">Mean column of the spine centre line between neck and sacrum.</param>
/// <param name="ShoulderHalfWidth">Half the body width at the shoulders, in pixels.</param>
public sealed record AnatomicalAnchors(int HeadTop, int Neck, int Shoulders, int IliacCrests, int Knees, int Feet, double SpineColumn, double ShoulderHalfWidth);
