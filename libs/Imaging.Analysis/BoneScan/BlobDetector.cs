using System.Buffers;

namespace Imaging.Analysis.BoneScan;

/// <summary>Multi-scale difference-of-Gaussians blob detection on one view, followed by the per-blob tests: peak
/// ratio to normal bone against the region's threshold, Poisson significance against a background annulus, and the
/// lesion's extent by region growing at half maximum.</summary>
internal static class BlobDetector
{
    /// <summary>The Gaussian sigmas (pixels) of the scale space: <see cref="BoneScanOptions.ScaleLevels"/> + 1 values
    /// spanning the lesion diameters searched (a disc of diameter d matches a Gaussian of sigma d / 2√2).</summary>
    public static double[] Sigmas(double spacingMm, BoneScanOptions options)
    {
        var levels = Math.Max(2, options.ScaleLevels);
        var min = Math.Max(options.MinimumSigmaPixels, options.MinLesionDiameterMm / (2 * Math.Sqrt(2)) / spacingMm);
        var max = Math.Max(min * 1.5, options.MaxLesionDiameterMm / (2 * Math.Sqrt(2)) / spacingMm);
        var k = Math.Pow(max / min, 1.0 / (levels - 1));
        var sigmas = new double[levels + 1];
        for (var i = 0; i <= levels; i++) sigmas[i] = min * Math.Pow(k, i);
        return sigmas;
    }

    /// <summary>Candidates of one view. <paramref name="g0"/> is the view smoothed at <paramref name="sigmas"/>[0].</summary>
    public static List<BlobCandidate> Detect(BoneScanView view, float[] raw, float[] g0, int width, int height, double[] sigmas,
        BodyMask mask, RegionMap map, double normalBone, double spacingMm, BoneScanOptions options, CancellationToken cancellationToken,
        ConjugateView? conjugate = null)
    {
        var count = width * height;
        var levels = sigmas.Length - 1;
        var pool = ArrayPool<float>.Shared;
        var gaussians = new float[levels + 1][];
        var dogs = new float[levels][];
        var scratch = pool.Rent(count);
        try
        {
            gaussians[0] = g0;
            for (var i = 1; i <= levels; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                gaussians[i] = pool.Rent(count);
                var step = Math.Sqrt(sigmas[i] * sigmas[i] - sigmas[i - 1] * sigmas[i - 1]);
                GaussianFilter.Blur(gaussians[i - 1].AsSpan(0, count), gaussians[i].AsSpan(0, count), scratch, width, height, step);
            }
            for (var i = 0; i < levels; i++)
            {
                dogs[i] = pool.Rent(count);
                var dog = dogs[i].AsSpan(0, count);
                gaussians[i].AsSpan(0, count).CopyTo(dog);
                GaussianFilter.MultiplyAdd(gaussians[i + 1].AsSpan(0, count), -1f, dog);
            }

            var lowestRatio = double.MaxValue;
            foreach (SkeletalRegion region in Enum.GetValues<SkeletalRegion>()) lowestRatio = Math.Min(lowestRatio, options.PeakRatioFor(region));
            var peakFloor = (float)(Math.Min(0.75 * lowestRatio, options.MinimumPeakRatio) * normalBone);
            var k = sigmas.Length > 1 ? sigmas[1] / sigmas[0] : 1.5;
            // A disc at the floor's contrast over bone gives a DoG response of roughly (k − 1)/2 of its height; a tenth
            // of normal bone keeps the search to real structure and leaves the decisions to the tests below.
            var responseFloor = (float)(0.1 * (k - 1) * normalBone);
            // The reference comparison runs on a smoother level than the peak search: the maximum of noisy pixels around the
            // mirrored position would otherwise make every lesion look fainter than it is.
            var referenceLevel = 0;
            var referenceSigma = options.ReferenceSmoothingMm / spacingMm;
            for (var i = 1; i <= levels; i++) if (Math.Abs(sigmas[i] - referenceSigma) < Math.Abs(sigmas[referenceLevel] - referenceSigma)) referenceLevel = i;
            var found = new List<BlobCandidate>();
            var visited = ArrayPool<int>.Shared.Rent(count);
            var queue = ArrayPool<int>.Shared.Rent(count);
            try
            {
                visited.AsSpan(0, count).Clear();
                var stamp = 0;
                for (var i = 0; i < levels; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var dog = dogs[i];
                    var below = i > 0 ? dogs[i - 1] : null;
                    var above = i + 1 < levels ? dogs[i + 1] : null;
                    for (var y = 1; y < height - 1; y++)
                    {
                        for (var x = 1; x < width - 1; x++)
                        {
                            var p = y * width + x;
                            var value = dog[p];
                            // Outside the body too: activity there is reported (contamination), not silently ignored.
                            if (value <= responseFloor || g0[p] < peakFloor) continue;
                            if (!IsLocalMaximum(dog, p, width, value, strictCentre: true)) continue;
                            if (below is not null && !IsLocalMaximum(below, p, width, value, strictCentre: false)) continue;
                            if (above is not null && !IsLocalMaximum(above, p, width, value, strictCentre: false)) continue;
                            var candidate = Evaluate(view, raw, g0, gaussians[referenceLevel], width, height, x, y, sigmas[i], mask, map, normalBone, spacingMm, options, visited, queue, ref stamp, conjugate);
                            if (candidate is not null) found.Add(candidate);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(visited);
                ArrayPool<int>.Shared.Return(queue);
            }
            return Deduplicate(found, spacingMm, options);
        }
        finally
        {
            pool.Return(scratch);
            for (var i = 1; i <= levels; i++) if (gaussians[i] is { } g) pool.Return(g);
            foreach (var d in dogs) if (d is not null) pool.Return(d);
        }
    }

    private static bool IsLocalMaximum(float[] image, int p, int width, float value, bool strictCentre)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = p + dy * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                if (dx == 0 && dy == 0 && strictCentre) continue;
                if (image[row + dx] > value) return false;
            }
        }
        return true;
    }

    private static BlobCandidate? Evaluate(BoneScanView view, float[] raw, float[] g0, float[] smooth, int width, int height, int x0, int y0, double sigma,
        BodyMask mask, RegionMap map, double normalBone, double spacingMm, BoneScanOptions options, int[] visited, int[] queue, ref int stamp,
        ConjugateView? conjugate)
    {
        // The peak: the smoothed maximum near the blob centre.
        var search = Math.Max(1, (int)Math.Ceiling(sigma));
        int px = x0, py = y0;
        for (var y = Math.Max(0, y0 - search); y <= Math.Min(height - 1, y0 + search); y++)
            for (var x = Math.Max(0, x0 - search); x <= Math.Min(width - 1, x0 + search); x++)
                if (g0[y * width + x] > g0[py * width + px]) (px, py) = (x, y);
        var peak = g0[py * width + px];
        var ratio = peak / normalBone;
        if (ratio < options.MinimumPeakRatio) return null;
        var region = map.RegionOf(px, py);
        // Two ways in: hot against the global normal bone for the region (what the bladder, kidneys, injection site and
        // degenerative joints reach, so they can be excluded with a reason), or hot against what normal bone shows at
        // this very place (what a lesion on faint or attenuated bone reaches).
        var globallyHot = ratio >= map.PeakRatioThreshold(px, py, region);
        var reference = ExpectedUptake.At(smooth, width, height, px, py, mask, map, options);
        // In an arm, a mirror image as hot as an injection site (the injection site itself) says nothing about normal bone
        // here: the region's threshold alone decides then. Elsewhere equally hot partners are symmetric joints.
        if (region == SkeletalRegion.UpperLimbs && reference >= options.InjectionPeakRatio * normalBone) reference = double.NaN;
        float smoothPeak = 0;
        for (var y = Math.Max(0, py - 1); y <= Math.Min(height - 1, py + 1); y++)
            for (var x = Math.Max(0, px - 1); x <= Math.Min(width - 1, px + 1); x++)
                smoothPeak = Math.Max(smoothPeak, smooth[y * width + x]);
        var referenceContrast = double.IsNaN(reference) ? (globallyHot ? double.PositiveInfinity : 0) : smoothPeak / Math.Max(reference, 1e-3);
        var contrastNeeded = ContrastNeeded(view, px, py, region, map, options);
        var lateral = Math.Abs(map.LateralMm(px, py)) >= options.MirrorMinimumLateralMm;
        var fraction = lateral ? options.PairedContrastFraction : options.MidlinePairedContrastFraction;
        // The peak against the mirror's brightest pixel undersells a lesion on a bone edge or beside a joint; the registered
        // core comparison is the second opinion lateral of the spine, also for a globally hot focus (it would be dropped
        // later as not standing out), but not for an obvious hot spot: failing its mirror, that is an organ's rim.
        if (referenceContrast < contrastNeeded && lateral && options.MirrorCoreContrast > 0 && !double.IsNaN(reference)
            && ratio < options.ObviousHotSpotRatio)
        {
            var shift = Math.Max(0, (int)Math.Round(options.MirrorShiftMm / spacingMm));
            var coreRadius = Math.Max(sigma * Math.Sqrt(2), options.MirrorCoreMinimumRadiusMm / spacingMm);
            var mirrorTest = MirrorComparison.Compare(raw, smooth, width, height, px, py, coreRadius, mask, map, shift);
            if (mirrorTest.Contrast >= options.MirrorCoreContrast && mirrorTest.ZScore >= options.MirrorCoreZScore)
                referenceContrast = Math.Max(referenceContrast, contrastNeeded);
        }
        // The generative test: what the mirror neighbourhood predicts here (gain fitted around the blob) against the counts,
        // both views in one statistic; for a focus the peak and core comparisons undersell (bone edges, joints, long bones).
        var likelihoodConfirmed = false;
        if (lateral && options.MirrorLikelihoodZ > 0 && !double.IsNaN(reference) && ratio < options.ObviousHotSpotRatio)
        {
            var score = LikelihoodScore(raw, smooth, conjugate, width, height, px, py, sigma, mask, map, spacingMm, options);
            // Joints (shoulders, hips, knees, feet) are where the two sides differ most without disease: the humeral head's
            // rim against a registered mirror reached the threshold next to shoulder lesions.
            var inJoint = region == SkeletalRegion.Shoulder || map.InKneeBand(py) || map.InHipBand(px, py) || map.InFootBand(py);
            if (score >= (inJoint ? Math.Max(options.MirrorLikelihoodZ, options.MirrorLikelihoodJointZ) : options.MirrorLikelihoodZ))
            {
                referenceContrast = Math.Max(referenceContrast, contrastNeeded);
                likelihoodConfirmed = true;
            }
        }
        // On the column in the chest and abdomen the sternum over the spine makes a lesion an "obvious" hot spot by the global
        // ratio alone, yet no organ lies there whose rim could pass a test against the column.
        var onColumn = region is SkeletalRegion.ThoracicSpine or SkeletalRegion.LumbarSpine;
        var columnConfirmed = false;
        if (referenceContrast < contrastNeeded && !lateral && options.ColumnCoreContrast > 0 && (ratio < options.ObviousHotSpotRatio || (onColumn && ratio >= options.ColumnObviousMinimumPeakRatio)))
        {
            var coreRadius = Math.Max(sigma * Math.Sqrt(2), options.MirrorCoreMinimumRadiusMm / spacingMm);
            var near = Math.Max(1, (int)Math.Round(options.MidlineReferenceFromMm / spacingMm));
            var far = Math.Max(near + 1, (int)Math.Round(options.MidlineReferenceToMm / spacingMm));
            var columnTest = ColumnComparison.Compare(raw, width, height, px, py, coreRadius, mask, map, near, far, options.ColumnCoreQuantile, options.ColumnCoreBrighterSide);
            var zNeeded = onColumn ? options.ColumnCoreZScore : options.ColumnCoreOtherZScore;
            // In the sternum band the manubrium stands above the sternal body below it by itself: anteriorly by its contrast,
            // posteriorly (seen through the chest over thoracic vertebrae) with the z-score of a column of other bone.
            var manubriumBand = map.InSternumBand(px, py) && ratio < options.ColumnObviousMinimumPeakRatio;
            var contrastFloor = manubriumBand && view == BoneScanView.Anterior
                ? Math.Max(options.ColumnCoreContrast, options.ColumnCoreSternumContrast)
                : options.ColumnCoreContrast;
            if (manubriumBand && view == BoneScanView.Posterior) zNeeded = Math.Max(zNeeded, options.ColumnCoreOtherZScore);
            if (columnTest.Contrast >= contrastFloor && columnTest.ZScore >= zNeeded)
            {
                referenceContrast = Math.Max(referenceContrast, contrastNeeded);
                columnConfirmed = true;
            }
        }
        if (!globallyHot && referenceContrast < fraction * contrastNeeded) return null;
        // The normal sacrum is hotter than the lumbar spine above it and has no vertebra of its kind below, so the midline
        // reference cannot hold it: on the sacrum a focus must also be hot against the global normal bone.
        if (region == SkeletalRegion.Sacrum && !lateral && ratio < options.SacrumMinimumPeakRatio) return null;

        // Poisson contrast of the core against an annulus of raw counts.
        var core = Math.Max(1.5, sigma * Math.Sqrt(2));
        var inner = core + Math.Max(2, core);
        var outer = inner + Math.Max(2, core);
        double coreSum = 0, ringSum = 0, ringSmooth = 0;
        int coreN = 0, ringN = 0;
        var reachPixels = (int)Math.Ceiling(outer);
        var ringValues = ArrayPool<float>.Shared.Rent((2 * reachPixels + 1) * (2 * reachPixels + 1));
        for (var y = Math.Max(0, py - reachPixels); y <= Math.Min(height - 1, py + reachPixels); y++)
        {
            for (var x = Math.Max(0, px - reachPixels); x <= Math.Min(width - 1, px + reachPixels); x++)
            {
                double dx = x - px, dy = y - py;
                var r = Math.Sqrt(dx * dx + dy * dy);
                var p = y * width + x;
                if (r <= core) { coreSum += raw[p]; coreN++; }
                else if (r >= inner && r <= outer) { ringSum += raw[p]; ringSmooth += g0[p]; ringValues[ringN++] = g0[p]; }
            }
        }
        if (coreN == 0 || ringN == 0)
        {
            ArrayPool<float>.Shared.Return(ringValues);
            return null;
        }
        var span = ringValues.AsSpan(0, ringN);
        span.Sort();
        var localBone = RobustStatistics.QuantileOfSorted(span, 0.75);
        ArrayPool<float>.Shared.Return(ringValues);
        var obvious = ratio >= options.ObviousHotSpotRatio;
        // The generative test already weighed the focus against the bone around it (the fitted gain): the local-contrast
        // gate would only repeat that comparison at one noisy peak pixel.
        if (!obvious && !likelihoodConfirmed && peak < options.MinimumLocalContrast * localBone) return null;
        // The expected rate is the brighter of the annulus mean and the bone around the blob: a lesion must stand out
        // from its own bone, not merely from the soft tissue beside it.
        var background = Math.Max(obvious ? ringSum / ringN : Math.Max(ringSum / ringN, localBone), 1e-3);
        var expected = coreN * background;
        var z = (coreSum - expected) / Math.Sqrt(expected + (double)coreN * coreN * background / ringN);
        if (z < options.MinimumZScore) return null;

        var area = HalfMaximumArea(g0, width, height, px, py, peak, ringSmooth / ringN, spacingMm, options, visited, queue, ref stamp);
        var excessArea = (double.IsInfinity(area) || area > options.MaxLesionAreaMm2) && peak > localBone
            ? HalfMaximumArea(g0, width, height, px, py, peak, localBone, spacingMm, options, visited, queue, ref stamp)
            : double.NaN;
        return new BlobCandidate(view, px, py, sigma, peak, ratio, z, area, referenceContrast / contrastNeeded, fraction)
        {
            ExcessAreaMm2 = excessArea,
            ColumnConfirmed = columnConfirmed,
            LikelihoodConfirmed = likelihoodConfirmed,
            ModelAreaMm2 = likelihoodConfirmed ? ModelArea(sigma, spacingMm, options) : double.NaN,
        };
    }

    private static double ModelArea(double sigma, double spacingMm, BoneScanOptions options)
    {
        var halfWidth = Math.Sqrt(2 * Math.Log(2)) * Math.Max(sigma * spacingMm, options.MirrorLikelihoodMinimumSigmaMm);
        return Math.PI * halfWidth * halfWidth;
    }

    /// <summary>The <see cref="MirrorLikelihood"/> statistic of a focus: with the conjugate view, the sum of both views' at the
    /// same anterior-frame place ÷ √2 (independent noise: still N(0, 1) without a lesion), so a lesion seen weakly in both adds
    /// up and an asymmetry one view alone shows (rib ends, the face) must be twice as strong. NaN on a one-view study.</summary>
    internal static double LikelihoodScore(float[] raw, float[] smooth, ConjugateView? conjugate, int width, int height, int px, int py, double sigma,
        BodyMask mask, RegionMap map, double spacingMm, BoneScanOptions options)
    {
        var blobSigma = Math.Max(sigma, options.MirrorLikelihoodMinimumSigmaMm / spacingMm);
        var radius = Math.Max(options.MirrorLikelihoodRadiusMm / spacingMm, 3.5 * blobSigma);
        var shift = Math.Max(0, (int)Math.Round(options.MirrorShiftMm / spacingMm));
        // One view alone is no test: a real patient's asymmetry (pose, the one-view nm/WG04 scan: 7 → 11 lesions) needs the
        // other view's evidence to be told from a lesion.
        if (conjugate is null) return double.NaN;
        var own = MirrorLikelihood.Score(raw, smooth, width, height, px, py, blobSigma, radius, mask, map, shift, options.MirrorLikelihoodMaximumGain);
        if (double.IsNaN(own)) return own;
        var other = MirrorLikelihood.Score(conjugate.Raw, conjugate.Smoothed, width, height, px, py, blobSigma, radius, mask, map, shift, options.MirrorLikelihoodMaximumGain);
        return double.IsNaN(other) ? own : (own + other) / Math.Sqrt(2);
    }

    /// <summary>The reference contrast a blob at (<paramref name="x"/>, <paramref name="y"/>) must reach: lateral, the mirror
    /// threshold; on the midline the vertebral column's own where nothing else overlaps the spine (its neighbours are the
    /// same kind of bone), the general midline one elsewhere: skull, sacrum, and in the anterior view the neck (mandible)
    /// and the chest (sternum).</summary>
    internal static double ContrastNeeded(BoneScanView view, int x, int y, SkeletalRegion region, RegionMap map, BoneScanOptions options)
    {
        if (Math.Abs(map.LateralMm(x, y)) >= options.MirrorMinimumLateralMm) return options.MinimumReferenceContrast;
        var spine = region == SkeletalRegion.LumbarSpine
            || (region is SkeletalRegion.CervicalSpine or SkeletalRegion.ThoracicSpine && view == BoneScanView.Posterior);
        // The whole reference window must be vertebrae: near the skull base or the sacrum one side is other, hotter bone.
        var reach = (int)Math.Round(options.MidlineReferenceToMm / map.SpacingMm);
        return spine && IsVertebral(y - reach) && IsVertebral(y + reach) ? options.SpineMinimumReferenceContrast : options.MidlineMinimumReferenceContrast;

        bool IsVertebral(int row) => map.RegionOf(map.SpineAt(row), row) is SkeletalRegion.CervicalSpine or SkeletalRegion.ThoracicSpine or SkeletalRegion.LumbarSpine;
    }

    /// <summary>Area (mm²) of the 4-connected pixels at or above half way between the annulus background and the peak;
    /// infinite when they reach the edge of a window of 1.5 maximum lesion diameters.</summary>
    private static double HalfMaximumArea(float[] g0, int width, int height, int px, int py, float peak, double background, double spacingMm,
        BoneScanOptions options, int[] visited, int[] queue, ref int stamp)
    {
        var mark = ++stamp;
        var level = (float)(background + 0.5 * (peak - background));
        var window = Math.Max(3, (int)Math.Ceiling(1.5 * options.MaxLesionDiameterMm / spacingMm));
        int head = 0, tail = 0;
        var start = py * width + px;
        queue[tail++] = start;
        visited[start] = mark;
        while (head < tail)
        {
            var p = queue[head++];
            int x = p % width, y = p / width;
            if (Math.Abs(x - px) >= window || Math.Abs(y - py) >= window) return double.PositiveInfinity;
            Visit(x - 1, y);
            Visit(x + 1, y);
            Visit(x, y - 1);
            Visit(x, y + 1);
        }
        return tail * spacingMm * spacingMm;

        void Visit(int x, int y)
        {
            if ((uint)x >= (uint)width || (uint)y >= (uint)height) return;
            var q = y * width + x;
            if (visited[q] == mark || g0[q] < level) return;
            visited[q] = mark;
            queue[tail++] = q;
        }
    }

    /// <summary>One candidate per blob: the hottest wins, others within the duplicate distance (or its core) go.</summary>
    private static List<BlobCandidate> Deduplicate(List<BlobCandidate> found, double spacingMm, BoneScanOptions options)
    {
        found.Sort((a, b) => b.Peak.CompareTo(a.Peak));
        var kept = new List<BlobCandidate>();
        foreach (var candidate in found)
        {
            var duplicate = false;
            foreach (var other in kept)
            {
                var distance = Math.Sqrt(Math.Pow(candidate.X - other.X, 2) + Math.Pow(candidate.Y - other.Y, 2)) * spacingMm;
                var reach = Math.Max(options.DuplicateDistanceMm, Math.Max(other.SigmaPixels, candidate.SigmaPixels) * 2 * Math.Sqrt(2) * spacingMm);
                if (distance < reach) { duplicate = true; break; }
            }
            if (!duplicate) kept.Add(candidate);
        }
        return kept;
    }
}
