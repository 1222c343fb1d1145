using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>Where one slice's pixels lie: the first pixel's centre, the row direction (patient X) and the column direction
/// (in the Y–Z plane, tilted by the gantry), spacing in mm, and the slice normal.</summary>
internal readonly record struct SliceGeometry(V3 Origin, V3 Row, V3 Column, double PixelSpacing, int Rows, int Columns)
{
    public V3 Normal => Row.Cross(Column).Normalized();

    public V3 PixelCentre(int column, int row) => Origin + Row * (column * PixelSpacing) + Column * (row * PixelSpacing);

    /// <summary>The pixel rectangle (inclusive) that can lie inside <paramref name="box"/>, or false when none can.
    /// The row direction is along patient X only; the column direction has no X component.</summary>
    public bool Clip(Aabb box, out int column0, out int column1, out int row0, out int row1)
    {
        column0 = row0 = 0;
        column1 = Columns - 1;
        row1 = Rows - 1;
        double i0 = (box.Min.X - Origin.X) / PixelSpacing, i1 = (box.Max.X - Origin.X) / PixelSpacing;
        if (Row.X < 0) (i0, i1) = (-i1, -i0);
        double j0 = double.NegativeInfinity, j1 = double.PositiveInfinity;
        if (!Range(Origin.Y, Column.Y, box.Min.Y, box.Max.Y, ref j0, ref j1)) return false;
        if (!Range(Origin.Z, Column.Z, box.Min.Z, box.Max.Z, ref j0, ref j1)) return false;
        column0 = Math.Max(0, (int)Math.Floor(i0));
        column1 = Math.Min(Columns - 1, (int)Math.Ceiling(i1));
        row0 = Math.Max(0, (int)Math.Floor(Math.Max(j0, -1)));
        row1 = Math.Min(Rows - 1, (int)Math.Ceiling(Math.Min(j1, Rows)));
        return column0 <= column1 && row0 <= row1;
    }

    private bool Range(double origin, double step, double min, double max, ref double j0, ref double j1)
    {
        var perRow = step * PixelSpacing;
        if (Math.Abs(perRow) < 1e-12) return origin >= min && origin <= max;
        var a = (min - origin) / perRow;
        var b = (max - origin) / perRow;
        if (a > b) (a, b) = (b, a);
        j0 = Math.Max(j0, a);
        j1 = Math.Min(j1, b);
        return j0 <= j1;
    }
}
