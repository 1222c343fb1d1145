using System.Buffers;

namespace Imaging.Analysis.BoneScan;

/// <summary>Finds the anatomical anchors and the spine centre line from the body mask (outline widths) and the
/// smoothed skeleton (row and column profiles).</summary>
internal static class AnchorFinder
{
    /// <summary>The anchors and the spine column per row, or null when the outline is too short to be a whole body
    /// (the reason in <paramref name="problem"/>).</summary>
    public static (AnatomicalAnchors Anchors, float[] SpineLine)? Find(BodyMask mask, ReadOnlySpan<float> smoothed, double skeletonThreshold,
        double spacingMm, BoneScanOptions options, out string? problem)
    {
        int width = mask.Width, height = mask.Height;
        var left = new int[height];
        var right = new int[height];
        var widths = new float[height];
        for (var y = 0; y < height; y++)
        {
            left[y] = -1;
            right[y] = -1;
            var row = mask.Mask.AsSpan(y * width, width);
            var first = row.IndexOf((byte)1);
            if (first < 0) continue;
            left[y] = first;
            right[y] = row.LastIndexOf((byte)1);
            widths[y] = right[y] - left[y] + 1;
        }
        var minimumHead = 40 / spacingMm;
        var headTop = -1;
        for (var y = 0; y < height && headTop < 0; y++) if (widths[y] >= minimumHead) headTop = y;
        var feet = -1;
        for (var y = height - 1; y >= 0 && feet < 0; y--) if (widths[y] > 0) feet = y;
        if (headTop < 0 || feet - headTop < 600 / spacingMm)
        {
            problem = "the body outline is shorter than 600 mm: not a whole-body view, anchors not found";
            return null;
        }
        var bodyLength = feet - headTop;
        var smoothWidths = RunningMean(widths, Math.Max(1, (int)Math.Round(10 / spacingMm)));

        var neckFrom = Math.Min(feet, headTop + (int)(options.NeckSearchFromMm / spacingMm));
        var neckTo = Math.Min(feet, headTop + (int)(options.NeckSearchToMm / spacingMm));
        var neck = neckFrom;
        for (var y = neckFrom; y <= neckTo; y++) if (smoothWidths[y] < smoothWidths[neck]) neck = y;
        var neckWidth = Math.Max(1, smoothWidths[neck]);
        var shoulders = -1;
        var shoulderLimit = Math.Min(feet, neck + (int)(200 / spacingMm));
        for (var y = neck + 1; y <= shoulderLimit && shoulders < 0; y++) if (smoothWidths[y] >= options.ShoulderWidthJump * neckWidth) shoulders = y;
        if (shoulders < 0) shoulders = Math.Min(feet, neck + (int)(50 / spacingMm));
        float shoulderWidth = 0;
        for (var y = shoulders; y <= Math.Min(feet, shoulders + (int)(60 / spacingMm)); y++) shoulderWidth = Math.Max(shoulderWidth, smoothWidths[y]);
        var shoulderHalf = shoulderWidth / 2.0;
        var trunkHalf = options.TrunkHalfWidthFraction * shoulderHalf;

        // Below the crest search the column maximum would wander between the legs; the line is held from there down.
        var spine = SpineLine(mask, smoothed, left, right, neck, feet, headTop + (int)(options.IliacCrestSearchTo * bodyLength), spacingMm, options.SpineLineMedianHalfMm);

        // Iliac crests: inside the trunk band, skeletal pixels per row jump when the iliac wings begin.
        var crestFrom = headTop + (int)(options.IliacCrestSearchFrom * bodyLength);
        var crestTo = Math.Min(feet, headTop + (int)(options.IliacCrestSearchTo * bodyLength));
        var boneWidth = new float[height];
        for (var y = crestFrom; y <= crestTo; y++)
        {
            var row = smoothed.Slice(y * width, width);
            int from = Math.Max(0, (int)(spine[y] - trunkHalf)), to = Math.Min(width - 1, (int)(spine[y] + trunkHalf));
            var n = 0;
            for (var x = from; x <= to; x++) if (row[x] > skeletonThreshold && mask.Mask[y * width + x] != 0) n++;
            boneWidth[y] = n;
        }
        var lag = Math.Max(2, (int)Math.Round(20 / spacingMm));
        var crest = (crestFrom + crestTo) / 2;
        var bestJump = float.MinValue;
        for (var y = crestFrom + lag; y <= crestTo - lag; y++)
        {
            var jump = boneWidth[y + lag] - boneWidth[y - lag];
            if (jump > bestJump) (bestJump, crest) = (jump, y);
        }
        // The steepest widening is mid-wing; the crest is where the widening starts (half the steepest jump).
        for (var y = crestFrom + lag; y < crest; y++)
        {
            if (boneWidth[y + lag] - boneWidth[y - lag] >= 0.5 * bestJump)
            {
                crest = y;
                break;
            }
        }

        // Below the crests the column maximum jumps to the brighter sacroiliac joint; the sacrum continues the lumbar
        // spine's line, so the line is held at the crest from there down.
        for (var y = crest + 1; y < height; y++) spine[y] = spine[crest];

        // Knees: the hottest, widest part of the leg skeleton.
        var kneeFrom = headTop + (int)(options.KneeSearchFrom * bodyLength);
        var kneeTo = Math.Min(feet, headTop + (int)(options.KneeSearchTo * bodyLength));
        var rowSums = new float[height];
        for (var y = kneeFrom; y <= kneeTo; y++)
        {
            var row = smoothed.Slice(y * width, width);
            float sum = 0;
            for (var x = 0; x < width; x++) if (mask.Mask[y * width + x] != 0 && row[x] > skeletonThreshold) sum += row[x];
            rowSums[y] = sum;
        }
        var kneeProfile = RunningMean(rowSums, Math.Max(1, (int)Math.Round(8 / spacingMm)));
        var knees = (kneeFrom + kneeTo) / 2;
        for (var y = kneeFrom; y <= kneeTo; y++) if (kneeProfile[y] > kneeProfile[knees]) knees = y;

        double spineSum = 0;
        var spineRows = 0;
        for (var y = neck; y <= Math.Min(feet, crest); y++) { spineSum += spine[y]; spineRows++; }
        problem = null;
        return (new AnatomicalAnchors(headTop, neck, shoulders, crest, knees, feet, spineRows > 0 ? spineSum / spineRows : width / 2.0, shoulderHalf), spine);
    }

    /// <summary>Column of the skeletal maximum per row within ±60 mm of the previous row's, from the neck down,
    /// median-filtered; rows above the neck take the neck's, rows below the sacrum the last one.</summary>
    private static float[] SpineLine(BodyMask mask, ReadOnlySpan<float> smoothed, int[] left, int[] right, int neck, int feet, int lastRow, double spacingMm, double medianHalfMm)
    {
        var width = mask.Width;
        var height = mask.Height;
        var raw = new float[height];
        lastRow = Math.Min(lastRow, feet);
        var centre = left[neck] >= 0 ? (left[neck] + right[neck]) / 2f : width / 2f;
        var window = Math.Max(2, (int)Math.Round(40 / spacingMm));
        var previous = centre;
        for (var y = neck; y <= lastRow; y++)
        {
            var row = smoothed.Slice(y * width, width);
            int from = Math.Max(0, (int)previous - window), to = Math.Min(width - 1, (int)previous + window);
            var best = (int)previous;
            for (var x = from; x <= to; x++) if (row[x] > row[best]) best = x;
            // The spine drifts slowly: one row may pull the search window by at most a few pixels.
            previous = Math.Clamp(best, previous - 2, previous + 2);
            raw[y] = best;
        }
        var filtered = new float[height];
        var half = Math.Max(1, (int)Math.Round(medianHalfMm / spacingMm));
        var buffer = ArrayPool<float>.Shared.Rent(2 * half + 1);
        try
        {
            for (var y = neck; y <= lastRow; y++)
            {
                int from = Math.Max(neck, y - half), to = Math.Min(lastRow, y + half);
                var span = buffer.AsSpan(0, to - from + 1);
                raw.AsSpan(from, span.Length).CopyTo(span);
                span.Sort();
                filtered[y] = span[span.Length / 2];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
        for (var y = 0; y < neck; y++) filtered[y] = filtered[neck];
        for (var y = lastRow + 1; y < height; y++) filtered[y] = filtered[Math.Max(neck, lastRow)];
        return filtered;
    }

    private static float[] RunningMean(float[] values, int half)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            int from = Math.Max(0, i - half), to = Math.Min(values.Length - 1, i + half);
            float sum = 0;
            for (var j = from; j <= to; j++) sum += values[j];
            result[i] = sum / (to - from + 1);
        }
        return result;
    }
}
