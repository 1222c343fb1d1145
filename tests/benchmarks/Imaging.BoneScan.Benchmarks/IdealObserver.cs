using Imaging.Analysis.Tests.BoneScan.Accuracy;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;

namespace Imaging.BoneScan.Benchmarks;

/// <summary>Upper bounds for any detector on the phantoms: matched-filter Poisson detectors that are told more than a real
/// detector can know, run over the whole scan and calibrated on the same patients without lesions to the false
/// positive rate.</summary>
/// <remarks>
/// Two observers, each with the score statistic of a Gaussian lesion of the cell's size (lesion FWHM ⊕ system FWHM) at
/// every pixel, T = Σ G (n − b) / b / √(Σ G² / b), which is N(0, 1) without a lesion and the locally most powerful test for a
/// weak lesion (the Poisson likelihood ratio linearised):
/// <list type="bullet">
/// <item><c>known</c>: b is the phantom's own noiseless lesion-free image. Nothing real can do better: it only meets Poisson
/// noise, never anatomy.</item>
/// <item><c>mirror</c>: b is the noisy counts mirrored about the phantom's exact midline (the phantom is mirror symmetric, so
/// this is the best a contralateral reference can be: the reference's own Poisson noise doubles the variance). Lateral of
/// 24 mm only (on the midline the mirror is the lesion itself).</item>
/// </list>
/// Both views count: the statistic is the largest of the anterior map, the posterior map brought into the anterior frame,
/// and their sum / √2 (a lesion seen weakly in both). A detection is a local maximum (3 × 3) at or above the threshold; it
/// is scored with the suite's rule (within max(15 mm, FWHM), closest first).
/// </remarks>
internal static class IdealObserver
{
    private const double LateralMinimumMm = 24;

    public static void Run(int scans, long counts, double fwhmMm, double contrast, double targetFpPerScan)
    {
        var normals = new List<ObservedScan>();
        var lesions = new List<ObservedScan>();
        for (var i = 0; i < scans; i++)
        {
            var options = PhantomSuite.Uniform(i, counts, fwhmMm, contrast);
            lesions.Add(Observe(BoneScanPhantom.Generate(options), fwhmMm));
            // The same patient, seed and count level without lesions: the false-positive calibration.
            normals.Add(Observe(BoneScanPhantom.Generate(options with { Lesions = [] }), fwhmMm));
        }
        foreach (var kind in new[] { "known", "mirror" })
        {
            var threshold = Calibrate(normals, kind, targetFpPerScan, out var normalFp);
            int found = 0, total = 0, fp = 0, foundLateral = 0, totalLateral = 0;
            var dPrime = new List<double>();
            foreach (var scan in lesions)
            {
                var (f, t, falsePositives, fl, tl) = scan.Score(kind, threshold);
                found += f;
                total += t;
                fp += falsePositives;
                foundLateral += fl;
                totalLateral += tl;
                dPrime.AddRange(scan.ExpectedAtLesions(kind));
            }
            dPrime.Sort();
            var reachable = dPrime.Count(d => d >= threshold + 1.645);
            Console.WriteLine($"{kind}: threshold {threshold:0.00} ({normalFp:0.00} FP/scan on the lesion-free scans); lesion scans: found {found}/{total} " +
                $"({100.0 * found / Math.Max(1, total):0.0} %), lateral {foundLateral}/{totalLateral} ({100.0 * foundLateral / Math.Max(1, totalLateral):0.0} %), " +
                $"{(double)fp / scans:0.00} FP/scan; noiseless statistic at the lesion ≥ threshold + 1.645 (95 % detectable): {reachable}/{dPrime.Count}; " +
                $"its 5th / 10th / 50th percentile {Quantile(dPrime, 0.05):0.0} / {Quantile(dPrime, 0.10):0.0} / {Quantile(dPrime, 0.5):0.0}");
        }
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static double Calibrate(List<ObservedScan> normals, string kind, double target, out double fpPerScan)
    {
        var peaks = normals.SelectMany(s => s.Maxima(kind, 0)).Select(m => m.Value).OrderDescending().ToList();
        // The lowest threshold whose false positives per scan stay at or under the target.
        var allowed = (int)Math.Floor(target * normals.Count);
        var threshold = allowed < peaks.Count ? peaks[allowed] + 1e-6 : 0;
        fpPerScan = peaks.Count(p => p >= threshold) / (double)normals.Count;
        return threshold;
    }

    private static ObservedScan Observe(BoneScanStudy study, double fwhmMm)
    {
        var o = study.Options;
        var w = o.Columns;
        var h = o.Rows;
        var sigma = Math.Sqrt(fwhmMm * fwhmMm + o.SystemFwhmMm * o.SystemFwhmMm) / (2 * Math.Sqrt(2 * Math.Log(2))) / o.PixelSpacingMm;
        var axis = (w - 1) / 2.0 + o.PatientShiftXPixels;
        double[] Flip(double[] image)
        {
            var result = new double[image.Length];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    result[y * w + x] = image[y * w + (w - 1 - x)];
            return result;
        }
        double[] Map(PhantomView view, string kind)
        {
            var n = study.Counts(view).ToArray().Select(c => (double)c).ToArray();
            var expected = study.ExpectedCounts(view, withLesions: false).Select(v => (double)v).ToArray();
            // The view's own frame: the posterior frame is the anterior one mirrored, so its midline is mirrored too.
            var viewAxis = view == PhantomView.Anterior ? axis : w - 1 - axis;
            var residual = new double[w * h];
            var inverse = new double[w * h];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var i = y * w + x;
                    if (expected[i] < 0.5) continue;
                    if (kind == "known")
                    {
                        residual[i] = (n[i] - expected[i]) / expected[i];
                        inverse[i] = 1 / expected[i];
                    }
                    else
                    {
                        var mx = (int)Math.Round(2 * viewAxis - x);
                        if (mx < 0 || mx >= w || Math.Abs(x - viewAxis) * o.PixelSpacingMm < LateralMinimumMm) continue;
                        var m = n[y * w + mx];
                        // Weights from the noiseless mean (the same on both sides of a symmetric patient); the variance of
                        // n − m is twice it.
                        residual[i] = (n[i] - m) / expected[i];
                        inverse[i] = 2 / expected[i];
                    }
                }
            }
            var a = Blur(residual, w, h, sigma, sigma);
            var v = Blur(inverse, w, h, sigma / Math.Sqrt(2), sigma);
            var norm = 1 / (4 * Math.PI * sigma * sigma);
            var t = new double[w * h];
            // Only where the patient is: beside the body the statistic rests on a few rim pixels.
            for (var i = 0; i < t.Length; i++) t[i] = v[i] > 0 && expected[i] >= 0.5 ? a[i] / Math.Sqrt(v[i] * norm) : 0;
            return view == PhantomView.Anterior ? t : Flip(t);
        }
        double[] Noiseless(PhantomView view, string kind)
        {
            var with = study.ExpectedCounts(view, withLesions: true);
            var without = study.ExpectedCounts(view, withLesions: false);
            var residual = new double[w * h];
            var inverse = new double[w * h];
            for (var i = 0; i < residual.Length; i++)
            {
                if (without[i] < 0.5) continue;
                residual[i] = (with[i] - without[i]) / without[i];
                inverse[i] = (kind == "known" ? 1 : 2) / (double)without[i];
            }
            var a = Blur(residual, w, h, sigma, sigma);
            var v = Blur(inverse, w, h, sigma / Math.Sqrt(2), sigma);
            var norm = 1 / (4 * Math.PI * sigma * sigma);
            var t = new double[w * h];
            for (var i = 0; i < t.Length; i++) t[i] = v[i] > 0 && without[i] >= 0.5 ? a[i] / Math.Sqrt(v[i] * norm) : 0;
            return view == PhantomView.Anterior ? t : Flip(t);
        }
        var maps = new Dictionary<string, double[]>();
        var noiseless = new Dictionary<string, double[]>();
        foreach (var kind in new[] { "known", "mirror" })
        {
            maps[kind] = Combine(Map(PhantomView.Anterior, kind), Map(PhantomView.Posterior, kind));
            noiseless[kind] = Combine(Noiseless(PhantomView.Anterior, kind), Noiseless(PhantomView.Posterior, kind));
        }
        return new ObservedScan(study.GroundTruth, w, h, o.PixelSpacingMm, axis, maps, noiseless);
    }

    private static double[] Combine(double[] anterior, double[] posterior)
    {
        var result = new double[anterior.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = Math.Max(Math.Max(anterior[i], posterior[i]), (anterior[i] + posterior[i]) / Math.Sqrt(2));
        return result;
    }

    /// <summary>Separable Gaussian with a normalised kernel, zero outside the image. The statistic's numerator and variance
    /// must share one support (<paramref name="reachSigma"/>), or beside the body a numerator without variance blows up.</summary>
    private static double[] Blur(double[] image, int w, int h, double sigma, double reachSigma)
    {
        var radius = (int)Math.Ceiling(4 * reachSigma);
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (var k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
        for (var k = 0; k < kernel.Length; k++) kernel[k] /= sum;
        var temp = new double[image.Length];
        var result = new double[image.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double acc = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var xx = x + k;
                    if ((uint)xx < (uint)w) acc += kernel[k + radius] * image[y * w + xx];
                }
                temp[y * w + x] = acc;
            }
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double acc = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var yy = y + k;
                    if ((uint)yy < (uint)h) acc += kernel[k + radius] * temp[yy * w + x];
                }
                result[y * w + x] = acc;
            }
        return result;
    }

    private sealed record ObservedScan(BoneScanGroundTruth Truth, int Width, int Height, double SpacingMm, double Axis,
        Dictionary<string, double[]> Maps, Dictionary<string, double[]> Noiseless)
    {
        public List<(int X, int Y, double Value)> Maxima(string kind, double threshold)
        {
            var map = Maps[kind];
            var result = new List<(int, int, double)>();
            for (var y = 1; y < Height - 1; y++)
            {
                for (var x = 1; x < Width - 1; x++)
                {
                    var v = map[y * Width + x];
                    if (v <= 0 || v < threshold) continue;
                    var maximum = true;
                    for (var dy = -1; dy <= 1 && maximum; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                            if ((dx != 0 || dy != 0) && map[(y + dy) * Width + x + dx] > v) { maximum = false; break; }
                    if (maximum && !InSpot(x, y)) result.Add((x, y, v));
                }
            }
            return result;
        }

        /// <summary>The injection site, extravasation, kidneys and bladder are excluded by every detector with a reason, not
        /// counted; the mirror observer would otherwise spend the whole false-positive budget on them (the kidneys are not
        /// at the same height).</summary>
        private bool InSpot(int x, int y)
        {
            foreach (var s in Truth.HotStructures)
            {
                if (s.Kind is not ("injection-site" or "extravasation" or "kidney" or "bladder")) continue;
                var reach = (s.Kind is "kidney" or "bladder" ? s.SizeMm / 2 + 10 : Math.Max(15, s.SizeMm) + 10) / SpacingMm;
                if ((x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y) <= reach * reach) return true;
            }
            return false;
        }

        private bool Lateral(LesionTruth lesion) => Math.Abs(lesion.X - Axis) * SpacingMm >= LateralMinimumMm;

        public IEnumerable<double> ExpectedAtLesions(string kind)
        {
            foreach (var lesion in Truth.Lesions)
            {
                if (kind == "mirror" && !Lateral(lesion)) continue;
                // The noiseless map's best value near the drawn centre (the blurred lesion over bone edges is not centred).
                var best = 0.0;
                for (var dy = -3; dy <= 3; dy++)
                    for (var dx = -3; dx <= 3; dx++)
                    {
                        int x = (int)Math.Round(lesion.X) + dx, y = (int)Math.Round(lesion.Y) + dy;
                        if ((uint)x < (uint)Width && (uint)y < (uint)Height) best = Math.Max(best, Noiseless[kind][y * Width + x]);
                    }
                yield return best;
            }
        }

        public (int Found, int Total, int FalsePositives, int FoundLateral, int TotalLateral) Score(string kind, double threshold)
        {
            var detections = Maxima(kind, threshold);
            var pairs = new List<(double Distance, int Lesion, int Detection)>();
            for (var l = 0; l < Truth.Lesions.Count; l++)
            {
                var lesion = Truth.Lesions[l];
                var reach = Math.Max(15, lesion.FwhmMm) / SpacingMm;
                for (var d = 0; d < detections.Count; d++)
                {
                    var distance = Math.Sqrt(Math.Pow(detections[d].X - lesion.X, 2) + Math.Pow(detections[d].Y - lesion.Y, 2));
                    if (distance <= reach) pairs.Add((distance, l, d));
                }
            }
            pairs.Sort((a, b) => a.Distance.CompareTo(b.Distance));
            var lesionUsed = new bool[Truth.Lesions.Count];
            var detectionUsed = new bool[detections.Count];
            foreach (var (_, l, d) in pairs)
            {
                if (lesionUsed[l] || detectionUsed[d]) continue;
                lesionUsed[l] = detectionUsed[d] = true;
            }
            int foundLateral = 0, totalLateral = 0;
            for (var l = 0; l < Truth.Lesions.Count; l++)
            {
                if (!Lateral(Truth.Lesions[l])) continue;
                totalLateral++;
                if (lesionUsed[l]) foundLateral++;
            }
            return (lesionUsed.Count(u => u), Truth.Lesions.Count, detectionUsed.Count(u => !u), foundLateral, totalLateral);
        }
    }
}
