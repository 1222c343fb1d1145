using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Step 6 on CT: lytic and blastic regions inside every measured body, relative to the patient's own trabecular bone
/// (<see cref="TrabecularReference"/>), and the image-computable part of SINS for the levels with a lesion.</summary>
public static class SpineLesionFinder
{
    /// <summary>The graded levels with their lesion fields filled in (same order). Levels whose label is missing keep null
    /// fields; with no trabecular interior at all (tiny bodies) every level does.</summary>
    public static IReadOnlyList<VertebraFindings> Apply(CtVolume volume, VertebralBodyLabels labels, IReadOnlyList<VertebraFindings> vertebrae,
        SpineAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vertebrae);
        options ??= SpineAnalysisOptions.Default;
        var found = Find(volume, labels, vertebrae.Select(v => v.Level), options, cancellationToken);
        var byLevel = found.Lesions.ToDictionary(l => l.Level, StringComparer.Ordinal);
        return vertebrae.Select(v =>
        {
            if (!byLevel.TryGetValue(v.Level, out var l)) return v;
            return v with
            {
                LyticVolumeMl = Math.Round(l.LyticVolumeMl, 3),
                BlasticVolumeMl = Math.Round(l.BlasticVolumeMl, 3),
                LesionType = l.LesionType,
                LesionInvolvedFraction = Math.Round(l.InvolvedFraction, 4),
                Sins = SinsScorer.Score(v.Level, l.LesionType, v.HeightLossPercent, l.InvolvedFraction, options.Lesions),
            };
        }).ToList();
    }

    /// <summary>The reference and the lesions of every named level present in <paramref name="labels"/>.</summary>
    public static (TrabecularReference? Reference, IReadOnlyList<LevelLesions> Lesions) Find(CtVolume volume, VertebralBodyLabels labels,
        IEnumerable<string> levels, SpineAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(levels);
        options ??= SpineAnalysisOptions.Default;
        var lesionOptions = options.Lesions;
        labels.Validate();
        if (labels.SizeX != volume.SizeX || labels.SizeY != volume.SizeY || labels.SizeZ != volume.SizeZ)
            throw new ArgumentException($"Labels {labels.SizeX}×{labels.SizeY}×{labels.SizeZ} are not on the volume's grid {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}.");

        var wanted = new HashSet<string>(levels, StringComparer.Ordinal);
        var values = labels.Levels.Where(kv => wanted.Contains(kv.Value)).OrderBy(kv => kv.Key).ToList();
        var boxes = LabelBoxes.Of(labels);
        var bodies = new BodyInterior?[values.Count];
        Parallel.For(0, values.Count, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var value = values[b].Key;
            if (boxes[value] is { } box)
                bodies[b] = BodyInterior.Build(volume, labels.Labels, value, box, options.CementMinimumHu, lesionOptions);
        });

        var reference = Reference(volume, bodies);
        if (reference is null) return (null, []);
        var results = new LevelLesions?[values.Count];
        var voxelMl = volume.SpacingMm[0] * volume.SpacingMm[1] * volume.SpacingMm[2] / 1000;
        var minimumVoxels = (long)Math.Ceiling(lesionOptions.MinimumLesionMl / voxelMl);
        var lyticBelow = reference.MedianHu - lesionOptions.LyticBelowReferenceHu;
        var blasticAbove = reference.MedianHu + lesionOptions.BlasticAboveReferenceHu;
        Parallel.For(0, values.Count, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            if (bodies[b] is not { } body) return;
            var lytic = LesionVoxels(volume, body, reference.MedianHu, lyticBelow, lytic: true, options.CementMinimumHu, minimumVoxels);
            var blastic = LesionVoxels(volume, body, reference.MedianHu, blasticAbove, lytic: false, options.CementMinimumHu, minimumVoxels);
            var filled = body.FilledVoxels;
            var lyticMl = lytic * voxelMl;
            var blasticMl = blastic * voxelMl;
            results[b] = new LevelLesions(values[b].Value, lyticMl, blasticMl, LesionTypes.Of(lyticMl, blasticMl),
                filled > 0 ? (double)(lytic + blastic) / filled : 0);
        });
        return (reference, results.OfType<LevelLesions>().ToList());
    }

    private static TrabecularReference? Reference(CtVolume volume, BodyInterior?[] bodies)
    {
        long total = 0;
        foreach (var body in bodies) if (body is not null) total += body.Interior.LongCount(x => x);
        if (total == 0 || total > Array.MaxLength) return null;
        var samples = new float[total];
        var n = 0;
        int nx = volume.SizeX, ny = volume.SizeY;
        foreach (var body in bodies)
        {
            if (body is null) continue;
            for (var k = 0; k < body.SizeZ; k++)
                for (var j = 0; j < body.SizeY; j++)
                    for (var i = 0; i < body.SizeX; i++)
                        if (body.Interior[(k * body.SizeY + j) * body.SizeX + i])
                            samples[n++] = volume.Voxels[body.VolumeIndex(i, j, k, nx, ny)];
        }
        return TrabecularReference.Of(samples, n);
    }

    /// <summary>Voxels of the lesions of one kind: the interior's 6-connected regions beyond <paramref name="threshold"/> of at
    /// least <paramref name="minimumVoxels"/> (detection), each then measured at its own half level, half-way between the
    /// reference and the region's core (the 10th/90th percentile of its values): the threshold alone puts the edge where the
    /// blur has moved it 100 HU from the reference, well outside a dense lesion's true edge and inside a lytic one's.</summary>
    private static long LesionVoxels(CtVolume volume, BodyInterior body, float reference, float threshold, bool lytic, float cementHu, long minimumVoxels)
    {
        int sx = body.SizeX, sy = body.SizeY, sz = body.SizeZ;
        int nx = volume.SizeX, ny = volume.SizeY;
        var n = sx * sy * sz;
        var hu = new float[n];
        var domain = new bool[n];
        for (var k = 0; k < sz; k++)
            for (var j = 0; j < sy; j++)
                for (var i = 0; i < sx; i++)
                {
                    var p = (k * sy + j) * sx + i;
                    hu[p] = volume.Voxels[body.VolumeIndex(i, j, k, nx, ny)];
                    domain[p] = body.Interior[p] && (lytic || hu[p] < cementHu);
                }
        bool Beyond(int p, float level) => lytic ? hu[p] < level : hu[p] > level;

        var seen = new bool[n];
        var counted = new bool[n];
        var stack = new Stack<int>();
        var component = new List<int>();
        long kept = 0;
        for (var start = 0; start < n; start++)
        {
            if (seen[start] || !domain[start] || !Beyond(start, threshold)) continue;
            component.Clear();
            Flood(start, seen, q => domain[q] && Beyond(q, threshold), component, stack, sx, sy, sz);
            if (component.Count < minimumVoxels) continue;

            var values = component.Select(q => hu[q]).ToArray();
            Array.Sort(values);
            var core = values[lytic ? values.Length / 10 : values.Length - 1 - values.Length / 10];
            var level = (reference + core) / 2;
            // Regions too faint for their half level to lie beyond the detection threshold keep the threshold.
            if (lytic ? level > reference : level < reference) level = threshold;
            var measured = new List<int>();
            foreach (var q in component)
                if (!counted[q] && Beyond(q, level)) Flood(q, counted, r => domain[r] && Beyond(r, level), measured, stack, sx, sy, sz);
            // The size rule applies to what is reported: a faint fringe can pass it at the threshold and not at its own half level.
            if (measured.Count >= minimumVoxels) kept += measured.Count;
        }
        return kept;
    }

    private static void Flood(int start, bool[] marked, Func<int, bool> inside, List<int> into, Stack<int> stack, int sx, int sy, int sz)
    {
        var plane = sx * sy;
        marked[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            into.Add(p);
            var i = p % sx;
            var j = p / sx % sy;
            var k = p / plane;
            void Visit(int q)
            {
                if (marked[q] || !inside(q)) return;
                marked[q] = true;
                stack.Push(q);
            }
            if (i > 0) Visit(p - 1);
            if (i < sx - 1) Visit(p + 1);
            if (j > 0) Visit(p - sx);
            if (j < sy - 1) Visit(p + sx);
            if (k > 0) Visit(p - plane);
            if (k < sz - 1) Visit(p + plane);
        }
    }
}
