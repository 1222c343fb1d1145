namespace Imaging.Phantoms.Anatomy;

/// <summary>A point on the patient in millimetres: X from the midline towards the patient's left, Y down from the vertex
/// (top of the head). Lesions given in these coordinates move with the patient when a follow-up repositions it.</summary>
public readonly record struct BodyPoint(double X, double Y)
{
    public BodyPoint Offset(double dx, double dy) => new(X + dx, Y + dy);
}
