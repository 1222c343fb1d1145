using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>The profile along the canal line that separates bodies from discs: per sample, the distance from the canal centre
/// to the bodies' posterior wall and a robust HU level just in front of it (the 75th percentile, so a lytic lesion inside a
/// body does not pass for a disc).</summary>
internal sealed class BodyProfile
{
    private const double DepthStepMm = 0.5;

    private BodyProfile(double[] wall, float[] level)
    {
        WallMm = wall;
        Level = level;
    }

    /// <summary>Anterior distance from the canal centre to the posterior wall of the bodies (running median).</summary>
    public double[] WallMm { get; }

    public float[] Level { get; }

    public static BodyProfile Measure(CtVolume volume, SpineCenterLine line, SpineAnalysisOptions options, CancellationToken cancellationToken)
    {
        var n = line.Count;
        var rawWall = new double[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            rawWall[s] = double.NaN;
            for (var d = 3.0; d <= 25; d += DepthStepMm)
            {
                if (line.Sample(volume, line.At(s, d)) >= options.CorticalBoneHu)
                {
                    rawWall[s] = d;
                    break;
                }
            }
        });
        var window = (int)Math.Round(15 / SpineCenterLine.StepMm);
        var wall = new double[n];
        var fallback = Median(rawWall.Where(v => !double.IsNaN(v)).ToList()) ?? 9;
        for (var s = 0; s < n; s++)
        {
            var near = new List<double>();
            for (var m = Math.Max(0, s - window); m <= Math.Min(n - 1, s + window); m++) if (!double.IsNaN(rawWall[m])) near.Add(rawWall[m]);
            wall[s] = Median(near) ?? fallback;
        }
        var level = new float[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, () => new List<float>(128), (s, _, values) =>
        {
            values.Clear();
            for (var d = wall[s] + 2; d <= wall[s] + 14; d += DepthStepMm)
                for (var lateral = -2.0; lateral <= 2; lateral += 2)
                    values.Add(line.Sample(volume, line.At(s, d, lateral)));
            values.Sort();
            level[s] = values[(int)(values.Count * 0.75)];
            return values;
        }, _ => { });
        return new BodyProfile(wall, level);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
