namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Bounding boxes (inclusive voxel ranges) of every label value in one pass over the grid.</summary>
internal static class LabelBoxes
{
    /// <summary>Indexed by label value; null for values not present.</summary>
    public static (int X0, int Y0, int Z0, int X1, int Y1, int Z1)?[] Of(VertebralBodyLabels labels)
    {
        var lo = new int[256 * 3];
        var hi = new int[256 * 3];
        Array.Fill(lo, int.MaxValue);
        Array.Fill(hi, -1);
        int nx = labels.SizeX, ny = labels.SizeY, nz = labels.SizeZ;
        var data = labels.Labels;
        for (var k = 0; k < nz; k++)
            for (var j = 0; j < ny; j++)
            {
                var row = data.AsSpan((int)(((long)k * ny + j) * nx), nx);
                for (var i = 0; i < row.Length; i++)
                {
                    var v = row[i] * 3;
                    if (v == 0) continue;
                    if (i < lo[v]) lo[v] = i;
                    if (i > hi[v]) hi[v] = i;
                    if (j < lo[v + 1]) lo[v + 1] = j;
                    if (j > hi[v + 1]) hi[v + 1] = j;
                    if (k < lo[v + 2]) lo[v + 2] = k;
                    hi[v + 2] = k;
                }
            }
        var boxes = new (int X0, int Y0, int Z0, int X1, int Y1, int Z1)?[256];
        for (var value = 1; value < 256; value++)
        {
            var v = value * 3;
            if (hi[v] >= 0) boxes[value] = (lo[v], lo[v + 1], lo[v + 2], hi[v], hi[v + 1], hi[v + 2]);
        }
        return boxes;
    }
}
