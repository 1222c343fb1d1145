namespace Imaging.Phantoms;

/// <summary>Symmetric joint uptake that reads as degenerative change, drawn on both sides (not lesions).</summary>
[Flags]
public enum DegenerativeJoints
{
    None = 0,
    Knees = 1,
    Shoulders = 2,
}
