using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>One sagittal slice: rows run along +Y (posterior), columns along −Z (feet); the plane sits at patient X.
/// Image Orientation (Patient) 0\1\0\0\0\−1.</summary>
internal readonly record struct SagittalSlice(double X, double FirstY, double FirstZ, double PixelSpacing, int Rows, int Columns)
{
    public V3 Origin => new(X, FirstY, FirstZ);

    public double Y(int column) => FirstY + column * PixelSpacing;

    public double Z(int row) => FirstZ - row * PixelSpacing;

    /// <summary>The pixel rectangle (inclusive) that can lie inside <paramref name="box"/> on the plane at <paramref name="x"/>.</summary>
    public bool Clip(Aabb box, double x, out int column0, out int column1, out int row0, out int row1)
    {
        column0 = column1 = row0 = row1 = 0;
        if (x < box.Min.X || x > box.Max.X) return false;
        column0 = Math.Max(0, (int)Math.Floor((box.Min.Y - FirstY) / PixelSpacing));
        column1 = Math.Min(Columns - 1, (int)Math.Ceiling((box.Max.Y - FirstY) / PixelSpacing));
        row0 = Math.Max(0, (int)Math.Floor((FirstZ - box.Max.Z) / PixelSpacing));
        row1 = Math.Min(Rows - 1, (int)Math.Ceiling((FirstZ - box.Min.Z) / PixelSpacing));
        return column0 <= column1 && row0 <= row1;
    }
}
