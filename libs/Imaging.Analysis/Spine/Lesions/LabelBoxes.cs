namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Bounding boxes (inclusive voxel ranges) of every label value in one pass over the grid.</summary>
internal static class LabelBoxes
{
    /// <summary>Indexed by label value; null for values not present.</summary>
    public static (int X0, int Y0, int Z0, int X1, int Y1, int Z1)?[] Of(VertebralBodyLabels labels)
    {
        var boxes = new (int X0, int Y0, int Z0, int X1, int Y1, int Z1)?[256];
        int nx = labels.SizeX, ny = labels.SizeY;
        var data = labels.Labels;
        for (var p = 0; p < data.Length; p++)
        {
            var value = data[p];
            if (value == 0) continue;
            int i = p % nx, j = p / nx % ny, k = p / (nx * ny);
            boxes[value] = boxes[value] is { } b
                ? (Math.Min(b.X0, i), Math.Min(b.Y0, j), Math.Min(b.Z0, k), Math.Max(b.X1, i), Math.Max(b.Y1, j), Math.Max(b.Z1, k))
                : (i, j, k, i, j, k);
        }
        return boxes;
    }
}
