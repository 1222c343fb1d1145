namespace Imaging.Analysis.Spine.Seg;

/// <summary>Where one label lies on the grid (inclusive voxel bounds), how many voxels it has and their centroid in voxel indices.</summary>
internal sealed class LabelBox
{
    public int I0 = int.MaxValue, J0 = int.MaxValue, K0 = int.MaxValue, I1 = -1, J1 = -1, K1 = -1;
    public long Count;
    public double SumI, SumJ, SumK;

    /// <summary>Every label's box in one pass over the grid.</summary>
    public static Dictionary<byte, LabelBox> Measure(byte[] labels, int sx, int sy, int sz)
    {
        var boxes = new LabelBox?[256];
        long n = 0;
        for (var k = 0; k < sz; k++)
            for (var j = 0; j < sy; j++)
                for (var i = 0; i < sx; i++, n++)
                {
                    var label = labels[n];
                    if (label == 0) continue;
                    var b = boxes[label] ??= new LabelBox();
                    if (i < b.I0) b.I0 = i;
                    if (i > b.I1) b.I1 = i;
                    if (j < b.J0) b.J0 = j;
                    if (j > b.J1) b.J1 = j;
                    if (k < b.K0) b.K0 = k;
                    if (k > b.K1) b.K1 = k;
                    b.Count++;
                    b.SumI += i;
                    b.SumJ += j;
                    b.SumK += k;
                }
        var result = new Dictionary<byte, LabelBox>();
        for (var label = 1; label < 256; label++)
            if (boxes[label] is { } box) result[(byte)label] = box;
        return result;
    }
}
