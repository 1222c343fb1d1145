namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Re-interpolates chroma that was upsampled by replication with a triangle filter (each output sample ¾ of
/// its nearer and ¼ of its farther source sample), the filter libjpeg and so dcmdjpeg use.</summary>
internal static class ChromaUpsampler
{
    /// <summary>Horizontal 2:1 (4:2:2): source sample i sits at columns 2i and 2i+1 of the replicated plane.</summary>
    public static void Horizontal(ushort[] plane, int width, int height)
    {
        var sourceWidth = (width + 1) / 2;
        Span<int> source = sourceWidth <= 4096 ? stackalloc int[sourceWidth] : new int[sourceWidth];
        for (var y = 0; y < height; y++)
        {
            var row = plane.AsSpan(y * width, width);
            for (var i = 0; i < sourceWidth; i++) source[i] = row[2 * i];
            for (var i = 0; i < sourceWidth; i++)
            {
                var s = 3 * source[i];
                var left = i == 0 ? source[i] * 4 : s + source[i - 1] + 1;
                var right = i == sourceWidth - 1 ? source[i] * 4 : s + source[i + 1] + 2;
                row[2 * i] = (ushort)(i == 0 ? source[i] : left >> 2);
                if (2 * i + 1 < width) row[2 * i + 1] = (ushort)(i == sourceWidth - 1 ? source[i] : right >> 2);
            }
        }
    }

    /// <summary>Horizontal and vertical 2:1 (4:2:0): triangle in both directions, computed on column sums.</summary>
    public static void Both(ushort[] plane, int width, int height)
    {
        var sourceWidth = (width + 1) / 2;
        var sourceHeight = (height + 1) / 2;
        var source = new int[sourceWidth * sourceHeight];
        for (var y = 0; y < sourceHeight; y++)
            for (var x = 0; x < sourceWidth; x++)
                source[y * sourceWidth + x] = plane[2 * y * width + 2 * x];
        var sums = new int[sourceWidth];
        for (var y = 0; y < height; y++)
        {
            var sy = y / 2;
            var neighbour = y % 2 == 0 ? Math.Max(sy - 1, 0) : Math.Min(sy + 1, sourceHeight - 1);
            for (var x = 0; x < sourceWidth; x++)
                sums[x] = 3 * source[sy * sourceWidth + x] + source[neighbour * sourceWidth + x];
            var row = plane.AsSpan(y * width, width);
            for (var i = 0; i < sourceWidth; i++)
            {
                var s = 3 * sums[i];
                var left = i == 0 ? sums[i] * 4 + 8 : s + sums[i - 1] + 8;
                var right = i == sourceWidth - 1 ? sums[i] * 4 + 7 : s + sums[i + 1] + 7;
                row[2 * i] = (ushort)(left >> 4);
                if (2 * i + 1 < width) row[2 * i + 1] = (ushort)(right >> 4);
            }
        }
    }
}
