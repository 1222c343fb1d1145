using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Whether a vertebra bears ribs: bone on both sides, well beyond the reach of lumbar transverse processes, level
/// with the canal or behind it (the iliac wings beside the lowest lumbar levels lie in front of it).</summary>
internal static class RibDetector
{
    public static bool HasRibs(CtVolume volume, SpineCenterLine line, int fromSample, int toSample, SpineAnalysisOptions options)
    {
        var (left, right) = Count(volume, line, fromSample, toSample, options);
        return left >= options.RibMinimumVoxels && right >= options.RibMinimumVoxels;
    }

    internal static (int Left, int Right) Count(CtVolume volume, SpineCenterLine line, int fromSample, int toSample, SpineAnalysisOptions options)
    {
        int left = 0, right = 0;
        var step = Math.Max(1, (int)Math.Round(1 / SpineCenterLine.StepMm));
        for (var s = Math.Max(0, fromSample); s <= Math.Min(line.Count - 1, toSample); s += step)
            for (var d = -options.RibPosteriorLimitMm; d <= options.RibAnteriorLimitMm; d += 1)
                for (var lateral = options.RibInnerLateralMm; lateral <= options.RibOuterLateralMm; lateral += 1)
                {
                    if (line.Sample(volume, line.At(s, d, lateral)) >= options.CorticalBoneHu) left++;
                    if (line.Sample(volume, line.At(s, d, -lateral)) >= options.CorticalBoneHu) right++;
                }
        return (left, right);
    }
}
