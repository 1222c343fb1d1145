namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Fills the holes of a body mask on a crop: what cannot be reached from the crop's border without crossing the mask
/// is inside the body (a lytic lesion lies below the body threshold, so the CT labels leave it out).</summary>
internal static class EnclosedFill
{
    /// <summary>Everything not reachable from the crop's border through unfilled voxels (6-connected) belongs to the body.</summary>
    public static void Fill3D(bool[] filled, int sx, int sy, int sz)
    {
        var reached = new bool[filled.Length];
        var stack = new Stack<int>();
        void Push(int p)
        {
            if (filled[p] || reached[p]) return;
            reached[p] = true;
            stack.Push(p);
        }
        for (var k = 0; k < sz; k++)
            for (var j = 0; j < sy; j++)
                for (var i = 0; i < sx; i++)
                    if (i == 0 || j == 0 || k == 0 || i == sx - 1 || j == sy - 1 || k == sz - 1)
                        Push((k * sy + j) * sx + i);
        var plane = sx * sy;
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            var i = p % sx;
            var j = p / sx % sy;
            var k = p / plane;
            if (i > 0) Push(p - 1);
            if (i < sx - 1) Push(p + 1);
            if (j > 0) Push(p - sx);
            if (j < sy - 1) Push(p + sx);
            if (k > 0) Push(p - plane);
            if (k < sz - 1) Push(p + plane);
        }
        for (var p = 0; p < filled.Length; p++) if (!reached[p]) filled[p] = true;
    }

    /// <summary>Per plane of the grid's third axis (axial for the CT method): a lytic lesion that breaks through an end plate
    /// is open to the disc in 3D but still ringed by the cortex in its own plane.</summary>
    public static void FillPerPlane(bool[] filled, int sx, int sy, int sz)
    {
        var plane = sx * sy;
        var reached = new bool[plane];
        var stack = new Stack<int>();
        for (var k = 0; k < sz; k++)
        {
            var offset = k * plane;
            Array.Clear(reached);
            void Push(int q)
            {
                if (filled[offset + q] || reached[q]) return;
                reached[q] = true;
                stack.Push(q);
            }
            for (var j = 0; j < sy; j++)
                for (var i = 0; i < sx; i++)
                    if (i == 0 || j == 0 || i == sx - 1 || j == sy - 1)
                        Push(j * sx + i);
            while (stack.Count > 0)
            {
                var q = stack.Pop();
                var i = q % sx;
                var j = q / sx;
                if (i > 0) Push(q - 1);
                if (i < sx - 1) Push(q + 1);
                if (j > 0) Push(q - sx);
                if (j < sy - 1) Push(q + sx);
            }
            for (var q = 0; q < plane; q++) if (!reached[q]) filled[offset + q] = true;
        }
    }
}
