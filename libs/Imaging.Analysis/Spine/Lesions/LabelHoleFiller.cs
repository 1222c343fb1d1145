namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Gives every body its enclosed holes: the CT body finder grows bodies through bone-dense voxels, so a lytic lesion
/// is a hole in its label, which would cut the depth and height profiles the measurer reads through the body's centre.</summary>
public static class LabelHoleFiller
{
    /// <summary>A copy of <paramref name="labels"/> where unlabelled voxels enclosed by one body (in 3D, or within an axial
    /// plane of the grid) carry that body's label; voxels of other bodies are never changed.</summary>
    public static VertebralBodyLabels Fill(VertebralBodyLabels labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        labels.Validate();
        int nx = labels.SizeX, ny = labels.SizeY, nz = labels.SizeZ;
        var source = labels.Labels;
        var result = (byte[])source.Clone();
        var boxes = LabelBoxes.Of(labels);
        foreach (var value in labels.Levels.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (boxes[value] is not { } box) continue;
            var x0 = Math.Max(0, box.X0 - 1);
            var y0 = Math.Max(0, box.Y0 - 1);
            var z0 = Math.Max(0, box.Z0 - 1);
            var sx = Math.Min(nx - 1, box.X1 + 1) - x0 + 1;
            var sy = Math.Min(ny - 1, box.Y1 + 1) - y0 + 1;
            var sz = Math.Min(nz - 1, box.Z1 + 1) - z0 + 1;
            var mask = new bool[checked(sx * sy * sz)];
            for (var k = 0; k < sz; k++)
                for (var j = 0; j < sy; j++)
                {
                    var row = ((long)(k + z0) * ny + (j + y0)) * nx + x0;
                    var local = (k * sy + j) * sx;
                    for (var i = 0; i < sx; i++) mask[local + i] = source[row + i] == value;
                }
            EnclosedFill.Fill3D(mask, sx, sy, sz);
            EnclosedFill.FillPerPlane(mask, sx, sy, sz);
            for (var k = 0; k < sz; k++)
                for (var j = 0; j < sy; j++)
                {
                    var row = ((long)(k + z0) * ny + (j + y0)) * nx + x0;
                    var local = (k * sy + j) * sx;
                    for (var i = 0; i < sx; i++)
                        if (mask[local + i] && result[row + i] == 0) result[row + i] = value;
                }
        }
        return labels with { Labels = result };
    }
}
