using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Mr;

/// <summary>The classical 2D MR method (issue 7): on the mid-sagittal plane of a sagittal T1/T2 spine series, track the canal,
/// find the discs as extrema of the intensity profile just in front of it, grow each body between two discs as the
/// marrow-like region connected to its centre, extend it to the lateral planes that still show it, and name the levels
/// upwards from S1 (the body whose bone continues into the sacrum without a disc).</summary>
public static class MrBodyFinder
{
    private static readonly string[] Names = [.. Enumerable.Range(1, 7).Select(i => $"C{i}"), .. Enumerable.Range(1, 12).Select(i => $"T{i}"),
        .. Enumerable.Range(1, 5).Select(i => $"L{i}"), "S1"];

    public static MrBodyFinderResult Find(CtVolume volume, MrWeighting weighting, MrBodyFinderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        options ??= new MrBodyFinderOptions();
        var warnings = new List<MrFinderWarning>();
        var labels = new byte[(long)volume.SizeX * volume.SizeY * volume.SizeZ];
        var grid = SagittalGrid.For(volume);
        if (grid is null)
        {
            warnings.Add(new MrFinderWarning("not-sagittal", "The series' planes are not sagittal; the 2D method needs sagittal slices."));
            return Empty(volume, labels, warnings, weighting);
        }

        if (grid.Width < 32 || grid.Height < 32)
        {
            warnings.Add(new MrFinderWarning("no-canal", $"The sagittal planes ({grid.Width} × {grid.Height} voxels) are too small to hold a spine."));
            return Empty(volume, labels, warnings, weighting);
        }

        var sign = weighting == MrWeighting.T2 ? 1f : -1f;
        var foreground = Foreground(volume.Voxels, options.ForegroundFraction);
        var px = grid.PixelMm;

        // Mid-sagittal plane: where the canal stands out most from what lies beside it.
        var bestScore = double.NegativeInfinity;
        var scores = new double[grid.Planes];
        var paths = new int[grid.Planes][];
        var planes = new float[grid.Planes][];
        for (var k = 0; k < grid.Planes; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            planes[k] = grid.Corrected(k, foreground, options.BiasSigmaMm);
            (paths[k], scores[k]) = CanalPath(planes[k], grid.Width, grid.Height, sign, px);
            bestScore = Math.Max(bestScore, scores[k]);
        }
        if (!(bestScore > 0.05))
        {
            warnings.Add(new MrFinderWarning("no-canal", "No spinal canal stands out on any sagittal plane."));
            return Empty(volume, labels, warnings, weighting);
        }
        var near = Enumerable.Range(0, grid.Planes).Where(k => scores[k] >= 0.9 * bestScore).ToList();
        var mid = (int)Math.Round(near.Average());
        var image = planes[mid];
        int w = grid.Width, h = grid.Height;

        var line = CanalEdge(image, w, h, paths[mid], sign, px);
        if (line.Count < 20)
        {
            warnings.Add(new MrFinderWarning("no-canal", "The canal on the mid-sagittal plane is too short to follow."));
            return Empty(volume, labels, warnings, weighting);
        }
        var profile = new double[line.Count];
        for (var s = 0; s < line.Count; s++)
        {
            double sum = 0;
            var n = 0;
            for (var d = options.ProfileNearMm; d <= options.ProfileFarMm; d += 1)
            {
                var (x, y) = line.At(s, d / px);
                var v = Bilinear(image, w, h, x, y);
                if (v <= 0) continue;
                sum += v;
                n++;
            }
            profile[s] = n > 0 ? sum / n : 0;
        }
        var disc = Smooth(profile.Select(v => sign * v).ToArray());
        var sorted = disc.Where(v => v != 0).Order().ToArray();
        if (sorted.Length < 20) return Empty(volume, labels, warnings, weighting);
        var high = sorted[(int)(0.9 * (sorted.Length - 1))];
        var low = sorted[(int)(0.3 * (sorted.Length - 1))];
        var contrast = high - low;
        var peaks = Peaks(disc, options.MinimumDiscSpacingMm / px, options.MaximumDiscWidthMm / px, options.DiscProminence, contrast);

        var bodies = new List<(int Top, int Bottom, bool Sacral)>();
        for (var i = 0; i + 1 < peaks.Count; i++) bodies.Add((peaks[i], peaks[i + 1], false));
        var lengths = bodies.Select(b => (b.Bottom - b.Top) * px).Order().ToList();
        var medianLength = lengths.Count > 0 ? lengths[lengths.Count / 2] : 25;
        var anchored = false;
        if (peaks.Count > 0)
        {
            var last = peaks[^1];
            var needed = (int)Math.Ceiling(options.SacrumLengthFactor * medianLength / px);
            var end = Math.Min(disc.Length, last + needed);
            if (last + needed <= disc.Length)
            {
                var below = disc.Skip(last + (int)(5 / px)).Take(end - last - (int)(5 / px)).Where(v => v != 0).ToArray();
                anchored = below.Length > needed / 2 && below.Average() < low + 0.5 * contrast;
            }
            if (anchored) bodies.Add((last, Math.Min(disc.Length - 1, last + (int)(lengths.Count > 0 ? (bodies[^1].Bottom - bodies[^1].Top) : medianLength / px)), true));
        }

        // Grow each body on the mid-sagittal plane.
        var midMasks = new List<(bool[] Mask, MarrowPlane Marrow, (double Below, double Above) Band, int Count)>();
        foreach (var (top, bottom, sacral) in bodies)
            midMasks.Add(GrowMid(image, w, h, line, profile, top, bottom, sacral, options, px));

        // Names: upwards from S1 when the sacrum was seen, else from the assumed lowest level.
        var lowestIndex = anchored ? Names.Length - 1 : Array.IndexOf(Names, options.UnanchoredLowestLevel);
        if (lowestIndex < 0) lowestIndex = Array.IndexOf(Names, "L5");
        if (!anchored)
            warnings.Add(new MrFinderWarning("no-anchor",
                $"Neither the sacrum nor C2 is in view; the lowest complete body was assumed to be {Names[lowestIndex]}."));
        var findings = new List<MrLevelFinding>();
        var levels = new Dictionary<byte, string>();
        byte label = 0;
        for (var b = 0; b < bodies.Count; b++)
        {
            var index = lowestIndex - (bodies.Count - 1 - b);
            if (index < 0 || midMasks[b].Count == 0) continue;
            var length = (bodies[b].Bottom - bodies[b].Top) * px;
            var regular = bodies[b].Sacral || (length > 0.55 * medianLength && length < 1.7 * medianLength);
            if (!regular)
                warnings.Add(new MrFinderWarning("irregular-spacing", $"{Names[index]} is {length:0.#} mm long against a median of {medianLength:0.#} mm: a disc may be missed or extra."));
            label++;
            levels[label] = Names[index];
            findings.Add(new MrLevelFinding(label, Names[index], anchored && regular ? "high" : "low", Math.Round(length, 1), midMasks[b].Count));
            Extrude(grid, planes, mid, midMasks[b], label, labels, options);
        }
        var confidence = anchored && findings.All(f => f.Confidence == "high") ? "high" : "low";
        var result = new VertebralBodyLabels(volume.SizeX, volume.SizeY, volume.SizeZ, labels, levels, "mr-classical");
        result.Validate();
        return new MrBodyFinderResult(result, confidence, findings, warnings, mid, weighting);
    }

    private static MrBodyFinderResult Empty(CtVolume volume, byte[] labels, List<MrFinderWarning> warnings, MrWeighting weighting) =>
        new(new VertebralBodyLabels(volume.SizeX, volume.SizeY, volume.SizeZ, labels, new Dictionary<byte, string>(), "mr-classical"), "low", [],
            warnings, -1, weighting);

    private static float Foreground(float[] voxels, double fraction)
    {
        // 99th percentile from a strided sample: exact enough for a threshold, cheap on any volume.
        var step = Math.Max(1, voxels.Length / 200_000);
        var sample = new List<float>(voxels.Length / step + 1);
        for (var i = 0; i < voxels.Length; i += step) sample.Add(voxels[i]);
        sample.Sort();
        return (float)(sample[(int)(0.99 * (sample.Count - 1))] * fraction);
    }

    /// <summary>Dynamic programming down the rows: the continuous path (one pixel sideways per row at most) of greatest
    /// canal-likeness (bright on T2, dark on T1) inside the body, kept away from the skin. Score: mean contrast to ±12 mm.</summary>
    private static (int[] Path, double Score) CanalPath(float[] image, int w, int h, float sign, double px)
    {
        var margin = Math.Max(2, (int)Math.Round(10 / px));
        var side = Math.Max(3, (int)Math.Round(12 / px));
        var score = new float[w * h];
        var rows = new List<int>();
        for (var y = 0; y < h; y++)
        {
            var any = false;
            for (var x = 0; x < w; x++)
            {
                var inside = true;
                for (var d = -margin; d <= margin && inside; d += Math.Max(1, margin / 3))
                {
                    var xx = x + d;
                    inside = xx >= 0 && xx < w && image[y * w + xx] > 0;
                }
                if (!inside) { score[y * w + x] = -10; continue; }
                float sum = 0;
                for (var d = -2; d <= 2; d++) sum += image[y * w + Math.Clamp(x + d, 0, w - 1)];
                score[y * w + x] = sign * sum / 5;
                any = true;
            }
            if (any) rows.Add(y);
        }
        var path = new int[h];
        Array.Fill(path, -1);
        if (rows.Count < 10) return (path, double.NegativeInfinity);
        int y0 = rows[0], y1 = rows[^1];
        var acc = new float[w];
        var next = new float[w];
        var back = new sbyte[(y1 - y0 + 1) * w];
        for (var x = 0; x < w; x++) acc[x] = score[y0 * w + x];
        for (var y = y0 + 1; y <= y1; y++)
        {
            for (var x = 0; x < w; x++)
            {
                sbyte best = 0;
                var value = acc[x];
                if (x > 0 && acc[x - 1] > value) { value = acc[x - 1]; best = -1; }
                if (x + 1 < w && acc[x + 1] > value) { value = acc[x + 1]; best = 1; }
                next[x] = value + score[y * w + x];
                back[(y - y0) * w + x] = best;
            }
            (acc, next) = (next, acc);
        }
        var end = 0;
        for (var x = 1; x < w; x++) if (acc[x] > acc[end]) end = x;
        for (var y = y1; y >= y0; y--)
        {
            path[y] = end;
            end += back[(y - y0) * w + end];
        }
        double contrast = 0;
        var counted = 0;
        for (var y = y0; y <= y1; y++)
        {
            var x = path[y];
            if (image[y * w + x] <= 0 || x - side < 0 || x + side >= w) continue;
            var beside = 0.5 * (image[y * w + x - side] + image[y * w + x + side]);
            contrast += sign * (image[y * w + x] - beside);
            counted++;
        }
        return (path, counted > 0 ? contrast / counted : double.NegativeInfinity);
    }

    /// <summary>The canal's anterior edge, row by row (half way between the canal's value and what lies 25 mm in front),
    /// median-filtered over the discs, as a curve with 1-pixel arc steps.</summary>
    private static CanalLine CanalEdge(float[] image, int w, int h, int[] path, float sign, double px)
    {
        var rows = Enumerable.Range(0, h).Where(y => path[y] >= 0 && image[y * w + path[y]] > 0).ToList();
        if (rows.Count < 20) return new CanalLine([]);
        var centre = rows.Select(y => (double)path[y]).ToArray();
        centre = MovingAverage(centre, (int)Math.Round(7 / px));
        var canal = Median(rows.Select(y => image[y * w + path[y]]));
        var ahead = (int)Math.Round(25 / px);
        var tissue = Median(rows.Where(y => path[y] - ahead >= 0).Select(y => image[y * w + path[y] - ahead]));
        var half = (canal + tissue) / 2;
        var edges = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var y = rows[r];
            var cx = (int)Math.Round(centre[r]);
            edges[r] = double.NaN;
            for (var x = cx; x >= Math.Max(0, cx - ahead); x--)
            {
                if (sign * image[y * w + x] < sign * half)
                {
                    edges[r] = x + 0.5;
                    break;
                }
            }
        }
        var filtered = new double[edges.Length];
        var window = (int)Math.Round(10 / px);
        for (var r = 0; r < edges.Length; r++)
        {
            var around = edges.Skip(Math.Max(0, r - window)).Take(2 * window + 1).Where(e => !double.IsNaN(e)).ToList();
            filtered[r] = around.Count > 0 ? Median(around) : centre[r] - 8 / px;
        }
        filtered = MovingAverage(filtered, (int)Math.Round(5 / px));
        var points = rows.Select((y, r) => (filtered[r], (double)y)).ToList();
        return CanalLine.Resample(points);
    }

    private static (bool[] Mask, MarrowPlane Marrow, (double Below, double Above) Band, int Count) GrowMid(float[] image, int w, int h, CanalLine line, double[] profile,
        int top, int bottom, bool sacral, MrBodyFinderOptions o, double px)
    {
        var candidates = new bool[w * h];
        var depthMax = o.MaximumBodyDepthMm / px;
        // Two millimetres past each disc's centre line: the end plates are not quite perpendicular to the canal, and the
        // marrow band, not this box, is what stops the body at the disc.
        var margin = (int)Math.Round(2 * 2 / px);
        for (var s = top * 2 - margin; s <= bottom * 2 + margin; s++)
            for (var d = 0.0; d <= depthMax; d += 0.5)
            {
                var (x, y) = line.At(s / 2.0, d);
                int xi = (int)Math.Round(x), yi = (int)Math.Round(y);
                if (xi >= 0 && xi < w && yi >= 0 && yi < h) candidates[yi * w + xi] = true;
            }
        var core = new List<(double X, double Y, double V)>();
        int s0 = top + (bottom - top) / 4, s1 = bottom - (bottom - top) / 4;
        for (var s = s0; s <= s1; s++)
            for (var d = o.ProfileNearMm / px; d <= (o.ProfileFarMm + 5) / px; d += 1)
            {
                var (x, y) = line.At(s, d);
                var v = Bilinear(image, w, h, x, y);
                if (v > 0) core.Add((x, y, v));
            }
        var empty = (new bool[w * h], MarrowPlane.Constant(0), (0.0, 0.0), 0);
        if (core.Count < 10) return empty;
        var marrow = Median(core.Select(c => c.V));
        // Fitted to the samples near the median only: the core's edges touch the end plates and discs on short bodies.
        var typical = core.Where(c => Math.Abs(c.V - marrow) < 0.2 * marrow).ToList();
        var plane = typical.Count >= 10 ? MarrowPlane.Fit(typical, marrow) : MarrowPlane.Constant(marrow);
        var discLevel = sacral ? profile[top] : (profile[top] + profile[bottom]) / 2;
        // Narrow only on the disc's side: towards soft tissue and fat the body may differ more (an oedematous body on T2
        // sits close to the discs but far from the tissue in front of it).
        var wide = o.MarrowRelativeWidth * marrow;
        var towardsDisc = Math.Min(wide, o.MarrowDiscContrastWidth * Math.Abs(marrow - discLevel));
        var band = discLevel > marrow ? (wide, towardsDisc) : (towardsDisc, wide);
        var seedPoint = line.At((top + bottom) / 2.0, (o.ProfileNearMm + o.ProfileFarMm) / 2 / px);
        var mask = Region(image, w, h, candidates, plane, band, ((int)Math.Round(seedPoint.X), (int)Math.Round(seedPoint.Y)));
        var count = mask.Count(m => m);
        return (mask, plane, band, count);
    }

    /// <summary>The marrow-like pixels connected to the seed (searched nearby when the seed itself is noise), holes filled,
    /// grown by one pixel for the cortex.</summary>
    private static bool[] Region(float[] image, int w, int h, bool[] allowed, MarrowPlane marrow, (double Below, double Above) band, (int X, int Y) seed)
    {
        bool Like(int p)
        {
            if (!allowed[p]) return false;
            var difference = image[p] - marrow.At(p % w, p / w);
            return difference > -band.Below && difference < band.Above;
        }

        var mask = new bool[w * h];
        var start = -1;
        for (var r = 0; r <= 4 && start < 0; r++)
            for (var dy = -r; dy <= r && start < 0; dy++)
                for (var dx = -r; dx <= r && start < 0; dx++)
                {
                    int x = seed.X + dx, y = seed.Y + dy;
                    if (x >= 0 && x < w && y >= 0 && y < h && Like(y * w + x)) start = y * w + x;
                }
        if (start < 0) return mask;
        var stack = new Stack<int>();
        stack.Push(start);
        mask[start] = true;
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            int x = p % w, y = p / w;
            foreach (var q in new[] { x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < h ? p + w : -1 })
                if (q >= 0 && !mask[q] && Like(q)) { mask[q] = true; stack.Push(q); }
        }
        FillHoles(mask, w, h);
        var grown = (bool[])mask.Clone();
        for (var p = 0; p < mask.Length; p++)
        {
            if (mask[p] || !allowed[p]) continue;
            int x = p % w, y = p / w;
            if ((x > 0 && mask[p - 1]) || (x + 1 < w && mask[p + 1]) || (y > 0 && mask[p - w]) || (y + 1 < h && mask[p + w])) grown[p] = true;
        }
        return grown;
    }

    private static void FillHoles(bool[] mask, int w, int h)
    {
        var outside = new bool[w * h];
        var stack = new Stack<int>();
        for (var x = 0; x < w; x++) { Push(x); Push((h - 1) * w + x); }
        for (var y = 0; y < h; y++) { Push(y * w); Push(y * w + w - 1); }
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            int x = p % w, y = p / w;
            if (x > 0) Push(p - 1);
            if (x + 1 < w) Push(p + 1);
            if (y > 0) Push(p - w);
            if (y + 1 < h) Push(p + w);
        }
        for (var p = 0; p < mask.Length; p++) if (!outside[p]) mask[p] = true;

        void Push(int p)
        {
            if (outside[p] || mask[p]) return;
            outside[p] = true;
            stack.Push(p);
        }
    }

    /// <summary>Writes the body on the mid plane and on each lateral plane, outwards, while the plane still shows enough of it
    /// inside the mid-plane footprint.</summary>
    private static void Extrude(SagittalGrid grid, float[][] planes, int mid, (bool[] Mask, MarrowPlane Marrow, (double Below, double Above) Band, int Count) body, byte label,
        byte[] labels, MrBodyFinderOptions o)
    {
        int w = grid.Width, h = grid.Height;
        Write(body.Mask, mid);
        var footprint = (bool[])body.Mask.Clone();
        for (var pass = 0; pass < 3; pass++)
        {
            var grown = (bool[])footprint.Clone();
            for (var p = 0; p < footprint.Length; p++)
            {
                if (footprint[p]) continue;
                int x = p % w, y = p / w;
                if ((x > 0 && footprint[p - 1]) || (x + 1 < w && footprint[p + 1]) || (y > 0 && footprint[p - w]) || (y + 1 < h && footprint[p + w])) grown[p] = true;
            }
            footprint = grown;
        }
        foreach (var direction in new[] { -1, 1 })
        {
            for (var k = mid + direction; k >= 0 && k < grid.Planes; k += direction)
            {
                var image = planes[k];
                var seed = Centre(body.Mask, w);
                var mask = Region(image, w, h, footprint, body.Marrow, body.Band, seed);
                if (mask.Count(m => m) < o.LateralAreaFraction * body.Count) break;
                Write(mask, k);
            }
        }

        void Write(bool[] mask, int k)
        {
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    if (!mask[y * w + x]) continue;
                    var index = grid.VoxelIndex(x, y, k);
                    if (labels[index] == 0) labels[index] = label;
                }
        }
    }

    private static (int X, int Y) Centre(bool[] mask, int w)
    {
        long sx = 0, sy = 0, n = 0;
        for (var p = 0; p < mask.Length; p++)
            if (mask[p]) { sx += p % w; sy += p / w; n++; }
        return n == 0 ? (0, 0) : ((int)(sx / n), (int)(sy / n));
    }

    /// <summary>Disc positions: local maxima of the disc-ness profile whose rise above the lowest value within ±1.2 disc
    /// spacings is at least <paramref name="prominence"/> of the typical rise (the upper quartile over all local maxima with
    /// a clear rise), and that are narrower than <paramref name="maximumWidth"/> at half their rise: an oedematous body can
    /// look as bright as a disc on T2, but it is as long as a body.</summary>
    private static List<int> Peaks(double[] signal, double minimumSpacing, double maximumWidth, double prominence, double contrast)
    {
        var radius = Math.Max(2, (int)Math.Round(minimumSpacing / 2));
        var wide = Math.Max(radius + 1, (int)Math.Round(minimumSpacing * 1.2));
        var candidates = new List<(int Index, double Rise)>();
        for (var i = 0; i < signal.Length; i++)
        {
            if (signal[i] == 0) continue;
            var isMax = true;
            var lowest = signal[i];
            for (var j = Math.Max(0, i - wide); j <= Math.Min(signal.Length - 1, i + wide); j++)
            {
                if (Math.Abs(j - i) <= radius && signal[j] > signal[i]) { isMax = false; break; }
                if (signal[j] != 0) lowest = Math.Min(lowest, signal[j]);
            }
            if (!isMax || signal[i] - lowest <= 0.1 * contrast) continue;
            var half = lowest + (signal[i] - lowest) / 2;
            int left = i, right = i;
            while (left > 0 && signal[left - 1] > half) left--;
            while (right + 1 < signal.Length && signal[right + 1] > half) right++;
            if (right - left <= maximumWidth) candidates.Add((i, signal[i] - lowest));
        }
        if (candidates.Count == 0) return [];
        var typical = candidates.Select(c => c.Rise).Order().ElementAt(3 * (candidates.Count - 1) / 4);
        var kept = candidates.Where(c => c.Rise > prominence * typical).Select(c => c.Index).ToList();
        // On T1 the dark end plates either side of a disc make two minima a few mm apart: one disc at their middle.
        var merged = new List<int>();
        for (var i = 0; i < kept.Count;)
        {
            var j = i;
            while (j + 1 < kept.Count && kept[j + 1] - kept[i] < minimumSpacing) j++;
            merged.Add((kept[i] + kept[j]) / 2);
            i = j + 1;
        }
        return merged;
    }

    private static double[] Smooth(double[] values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double sum = 0, weight = 0;
            for (var d = -2; d <= 2; d++)
            {
                var j = i + d;
                if (j < 0 || j >= values.Length || values[j] == 0) continue;
                var wgt = Math.Exp(-d * d / 2.0);
                sum += wgt * values[j];
                weight += wgt;
            }
            result[i] = weight > 0 ? sum / weight : 0;
        }
        return result;
    }

    private static double[] MovingAverage(double[] values, int radius)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            int a = Math.Max(0, i - radius), b = Math.Min(values.Length - 1, i + radius);
            double sum = 0;
            for (var j = a; j <= b; j++) sum += values[j];
            result[i] = sum / (b - a + 1);
        }
        return result;
    }

    private static double Median(IEnumerable<float> values) => Median(values.Select(v => (double)v));

    private static double Median(IEnumerable<double> values)
    {
        var list = values.Order().ToList();
        return list.Count == 0 ? 0 : list[list.Count / 2];
    }

    internal static double Bilinear(float[] image, int w, int h, double x, double y)
    {
        if (w < 2 || h < 2 || !(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) return 0;
        int x0 = Math.Min((int)x, w - 2), y0 = Math.Min((int)y, h - 2);
        double fx = x - x0, fy = y - y0;
        var p = y0 * w + x0;
        return (1 - fy) * ((1 - fx) * image[p] + fx * image[p + 1]) + fy * ((1 - fx) * image[p + w] + fx * image[p + w + 1]);
    }
}
