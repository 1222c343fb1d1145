namespace Imaging.Analysis.Spine.Ct;

/// <summary>Splits the body profile into alternating discs (low) and bodies (high), dropping runs too short to be either.</summary>
internal static class DiscFinder
{
    public static List<ProfileSegment> Segment(float[] level, SpineAnalysisOptions options)
    {
        var runs = new List<ProfileSegment>();
        var start = 0;
        for (var s = 1; s <= level.Length; s++)
        {
            if (s < level.Length && (level[s] < options.DiscMaximumHu) == (level[start] < options.DiscMaximumHu)) continue;
            runs.Add(new ProfileSegment(start, s - 1, level[start] < options.DiscMaximumHu));
            start = s;
        }
        var minimumDisc = (int)Math.Ceiling(options.MinimumDiscMm / SpineCenterLine.StepMm);
        var minimumBody = (int)Math.Ceiling(options.MinimumBodyMm / SpineCenterLine.StepMm);
        // Absorb runs too short to count into their neighbours (noise dips inside a body, a bright speck in a disc), then merge.
        var changed = true;
        while (changed && runs.Count > 1)
        {
            changed = false;
            var shortest = -1;
            for (var r = 0; r < runs.Count; r++)
            {
                var tooShort = runs[r].IsDisc ? runs[r].Length < minimumDisc : runs[r].Length < minimumBody;
                // A run touching either end may be cut by the field of view: keep it unless it is tiny.
                if (tooShort && (r == 0 || r == runs.Count - 1)) tooShort = runs[r].Length < 2;
                if (tooShort && (shortest < 0 || runs[r].Length < runs[shortest].Length)) shortest = r;
            }
            if (shortest < 0) break;
            var run = runs[shortest];
            runs[shortest] = run with { IsDisc = !run.IsDisc };
            runs = Merge(runs);
            changed = true;
        }
        return runs;
    }

    private static List<ProfileSegment> Merge(List<ProfileSegment> runs)
    {
        var merged = new List<ProfileSegment>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && merged[^1].IsDisc == run.IsDisc) merged[^1] = merged[^1] with { End = run.End };
            else merged.Add(run);
        }
        return merged;
    }
}
