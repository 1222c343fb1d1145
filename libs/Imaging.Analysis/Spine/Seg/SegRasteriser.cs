using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Segmentation;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Paints a SEG's frames onto a <see cref="CtVolume"/> grid by nearest neighbour: each voxel centre goes through the
/// affine to patient mm, finds the nearest frame plane along the SEG's normal (within half the plane spacing), then the
/// nearest pixel in that plane. Voxels already labelled keep their label (the first segment wins) and are counted.</summary>
internal static class SegRasteriser
{
    /// <summary>Frames of one SEG that belong to vertebral levels, with the label value each is painted with.</summary>
    public static long Paint(DicomSegmentation seg, IReadOnlyDictionary<int, byte> labelBySegment, CtVolume volume, byte[] labels,
        SegLabelOptions options, PixelCodecRegistry? codecs, CancellationToken cancellationToken)
    {
        var frames = seg.Frames.Where(f => labelBySegment.ContainsKey(f.SegmentNumber)).ToList();
        if (frames.Count == 0) return 0;
        var pixels = (long)seg.Rows * seg.Columns;
        if (checked(pixels * frames.Count) > options.MaximumMaskBytes)
            throw new DicomSegmentationException($"{frames.Count} frames of {seg.Rows} × {seg.Columns} need more than {options.MaximumMaskBytes} bytes of masks");

        var o = frames[0].Orientation;
        var row = Unit(o[0], o[1], o[2]);
        var column = Unit(o[3], o[4], o[5]);
        var normal = Unit(row.Y * column.Z - row.Z * column.Y, row.Z * column.X - row.X * column.Z, row.X * column.Y - row.Y * column.X);
        foreach (var f in frames)
        {
            var r = Unit(f.Orientation[0], f.Orientation[1], f.Orientation[2]);
            var c = Unit(f.Orientation[3], f.Orientation[4], f.Orientation[5]);
            if (Dot(r, row) < 0.9999 || Dot(c, column) < 0.9999)
                throw new DicomSegmentationException($"Frame {f.Index + 1} is not parallel to the first frame; frames of several orientations are not supported");
        }

        // Planes: frame positions along the normal, merged when closer than 0.01 mm.
        var byPlane = frames.Select(f => (Offset: Dot(V(f.Position), normal), Frame: f)).OrderBy(x => x.Offset).ToList();
        var planes = new List<(double Offset, List<SegmentationFrame> Frames)>();
        foreach (var (offset, frame) in byPlane)
        {
            if (planes.Count > 0 && offset - planes[^1].Offset < 0.01) planes[^1].Frames.Add(frame);
            else planes.Add((offset, [frame]));
        }
        double tolerance;
        if (planes.Count > 1)
        {
            var gaps = planes.Zip(planes.Skip(1), (a, b) => b.Offset - a.Offset).Order().ToList();
            tolerance = gaps[gaps.Count / 2] / 2;
        }
        else tolerance = frames[0].SliceThickness is > 0 and < 100 and var t ? t / 2 : options.SinglePlaneToleranceMm;

        var masks = new Dictionary<int, byte[]>(frames.Count);
        foreach (var f in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mask = new byte[pixels];
            seg.GetFrameMask(f.Index, mask, codecs);
            masks[f.Index] = mask;
        }

        // Only the box of voxels the frames can reach is visited; each plane's frames are resolved once, not per voxel.
        var (i0, i1, j0, j1, k0, k1) = Reach(volume, frames, seg.Rows, seg.Columns, normal, tolerance);
        var offsets = planes.Select(p => p.Offset).ToArray();
        var painted = planes.Select(p => p.Frames.Select(f => new FramePaint(masks[f.Index], labelBySegment[f.SegmentNumber], V(f.Position),
            1 / f.PixelSpacing[1], 1 / f.PixelSpacing[0])).ToArray()).ToArray();
        var a = volume.Affine;
        var (rows, columns) = (seg.Rows, seg.Columns);
        long conflicts = 0;
        for (var k = k0; k <= k1; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = j0; j <= j1; j++)
            {
                var line = ((long)k * volume.SizeY + j) * volume.SizeX;
                for (var i = i0; i <= i1; i++)
                {
                    var p = new V3d(a[0] * i + a[1] * j + a[2] * k + a[3], a[4] * i + a[5] * j + a[6] * k + a[7], a[8] * i + a[9] * j + a[10] * k + a[11]);
                    var along = Dot(p, normal);
                    var plane = Nearest(offsets, along);
                    if (Math.Abs(offsets[plane] - along) > tolerance + 1e-6) continue;
                    foreach (var f in painted[plane])
                    {
                        var d = new V3d(p.X - f.Origin.X, p.Y - f.Origin.Y, p.Z - f.Origin.Z);
                        // Pixel Spacing is (between rows, between columns): the column index runs along the row direction.
                        var c = (int)Math.Round(Dot(d, row) * f.PerColumn);
                        var r = (int)Math.Round(Dot(d, column) * f.PerRow);
                        if ((uint)c >= (uint)columns || (uint)r >= (uint)rows || f.Mask[(long)r * columns + c] == 0) continue;
                        var index = line + i;
                        if (labels[index] == 0) labels[index] = f.Label;
                        else if (labels[index] != f.Label) conflicts++;
                    }
                }
            }
        }
        return conflicts;
    }

    /// <summary>One frame as the painting loop needs it.</summary>
    private sealed record FramePaint(byte[] Mask, byte Label, V3d Origin, double PerColumn, double PerRow);

    private static (int, int, int, int, int, int) Reach(CtVolume volume, List<SegmentationFrame> frames, int rows, int columns, V3d normal, double tolerance)
    {
        double[] min = [double.MaxValue, double.MaxValue, double.MaxValue], max = [double.MinValue, double.MinValue, double.MinValue];
        foreach (var f in frames)
        {
            var r = Unit(f.Orientation[0], f.Orientation[1], f.Orientation[2]);
            var c = Unit(f.Orientation[3], f.Orientation[4], f.Orientation[5]);
            foreach (var u in new[] { -0.5, columns - 0.5 })
            foreach (var v in new[] { -0.5, rows - 0.5 })
            foreach (var w in new[] { -tolerance, tolerance })
            {
                var x = f.Position[0] + r.X * u * f.PixelSpacing[1] + c.X * v * f.PixelSpacing[0] + normal.X * w;
                var y = f.Position[1] + r.Y * u * f.PixelSpacing[1] + c.Y * v * f.PixelSpacing[0] + normal.Y * w;
                var z = f.Position[2] + r.Z * u * f.PixelSpacing[1] + c.Z * v * f.PixelSpacing[0] + normal.Z * w;
                var (i, j, k) = volume.PatientToVoxel(x, y, z);
                double[] ijk = [i, j, k];
                for (var n = 0; n < 3; n++)
                {
                    min[n] = Math.Min(min[n], ijk[n]);
                    max[n] = Math.Max(max[n], ijk[n]);
                }
            }
        }
        int[] size = [volume.SizeX, volume.SizeY, volume.SizeZ];
        var lo = new int[3];
        var hi = new int[3];
        for (var n = 0; n < 3; n++)
        {
            lo[n] = (int)Math.Clamp(Math.Floor(min[n]), 0, size[n]);
            hi[n] = (int)Math.Clamp(Math.Ceiling(max[n]), -1, size[n] - 1);
        }
        return (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
    }

    private static int Nearest(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index >= 0) return index;
        index = ~index;
        if (index == 0) return 0;
        if (index == sorted.Length) return sorted.Length - 1;
        return value - sorted[index - 1] <= sorted[index] - value ? index - 1 : index;
    }

    private readonly record struct V3d(double X, double Y, double Z);

    private static V3d V(double[] p) => new(p[0], p[1], p[2]);

    private static double Dot(V3d a, V3d b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    private static V3d Unit(double x, double y, double z)
    {
        var length = Math.Sqrt(x * x + y * y + z * z);
        return new V3d(x / length, y / length, z / length);
    }
}
