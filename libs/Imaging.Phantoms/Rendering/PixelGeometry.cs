using Imaging.Phantoms.Anatomy;

namespace Imaging.Phantoms.Rendering;

/// <summary>Maps body millimetres to 0-based anterior-frame pixels: the midline on the centre column, the vertex
/// <c>HeadTopMarginMm</c> below the top row, patient magnification about the vertex, then the table shift. The patient's
/// right is on the image left in the anterior frame; the posterior frame is its mirror.</summary>
internal sealed class PixelGeometry(int columns, int rows, double spacing, double headTopMarginMm, double scale, double shiftX, double shiftY)
{
    public int Columns { get; } = columns;
    public int Rows { get; } = rows;
    public double Spacing { get; } = spacing;

    public (double X, double Y) ToPixel(BodyPoint p) =>
        ((Columns - 1) / 2.0 + p.X * scale / Spacing + shiftX, headTopMarginMm / Spacing + p.Y * scale / Spacing + shiftY);

    public BodyPoint ToBody(double column, double row) =>
        new((column - (Columns - 1) / 2.0 - shiftX) * Spacing / scale, (row - headTopMarginMm / Spacing - shiftY) * Spacing / scale);

    /// <summary>Pixels a body-mm box covers, clipped to the image, or an empty range.</summary>
    public (int X0, int Y0, int X1, int Y1) PixelBox((double MinX, double MinY, double MaxX, double MaxY) box)
    {
        var (ax, ay) = ToPixel(new BodyPoint(box.MinX, box.MinY));
        var (bx, by) = ToPixel(new BodyPoint(box.MaxX, box.MaxY));
        return (Math.Max(0, (int)Math.Floor(ax) - 1), Math.Max(0, (int)Math.Floor(ay) - 1),
            Math.Min(Columns - 1, (int)Math.Ceiling(bx) + 1), Math.Min(Rows - 1, (int)Math.Ceiling(by) + 1));
    }
}
