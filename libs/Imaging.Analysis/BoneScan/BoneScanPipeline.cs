using System.Buffers;

namespace Imaging.Analysis.BoneScan;

/// <summary>The image analysis of one loaded study: QC gates, body mask, anchors and region map, normal-bone
/// normalisation, blob candidates per view, pairing, exclusions, counts and grade.</summary>
public static class BoneScanPipeline
{
    /// <summary>Analyses <paramref name="study"/>; problems with the images become warnings or a failed status, never
    /// exceptions (only cancellation and null arguments throw).</summary>
    public static BoneScanFindings Analyze(BoneScanStudy study, BoneScanOptions options, string analyzerVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>(study.Warnings);
        var anterior = study.Anterior;
        var posterior = study.Posterior;
        if (anterior is not null && posterior is not null && (anterior.Width != posterior.Width || anterior.Height != posterior.Height))
        {
            warnings.Add($"the posterior view is {posterior.Width} × {posterior.Height}, the anterior {anterior.Width} × {anterior.Height}: posterior ignored");
            posterior = null;
        }
        var countsAnterior = study.CountsAnterior ?? (anterior is null ? null : (long)anterior.TotalCounts());
        var countsPosterior = study.CountsPosterior ?? (posterior is null ? null : (long)posterior.TotalCounts());
        if (anterior is null) warnings.Add("anterior view missing");
        if (posterior is null) warnings.Add("posterior view missing");
        if (countsAnterior is { } ca && ca < options.MinimumCountsPerView) warnings.Add($"anterior view has {ca} counts, under {options.MinimumCountsPerView}: lesion detection unreliable");
        if (countsPosterior is { } cp && cp < options.MinimumCountsPerView) warnings.Add($"posterior view has {cp} counts, under {options.MinimumCountsPerView}: lesion detection unreliable");
        var spacing = study.PixelSpacingMm is { } s && double.IsFinite(s) && s is > 0.1 and < 50 ? s : (double?)null;
        if (spacing is null) warnings.Add($"pixel spacing missing or implausible: {options.AssumedPixelSpacingMm} mm assumed, sizes in mm approximate");
        if (study.Tracer == TracerStatus.UnknownTracer) warnings.Add("tracer not recorded: analysed as Tc-99m");
        var spacingMm = spacing ?? options.AssumedPixelSpacingMm;

        BoneScanFindings Result(TracerStatus status) => new()
        {
            AnalyzerVersion = analyzerVersion,
            StudyInstanceUid = study.StudyInstanceUid,
            SeriesInstanceUid = study.SeriesInstanceUid,
            Status = status,
            Tracer = study.TracerDescription,
            Qc = new BoneScanQc
            {
                CountsAnterior = countsAnterior, CountsPosterior = countsPosterior, AcquisitionSeconds = study.AcquisitionSeconds,
                PixelSpacingMm = spacingMm, Warnings = warnings,
            },
        };

        if (study.Tracer is TracerStatus.NotCounted or TracerStatus.Failed) return Result(study.Tracer);
        var reference = anterior ?? posterior;
        if (reference is null)
        {
            warnings.Add("no view to analyse");
            return Result(TracerStatus.Failed);
        }
        var status = study.Tracer;
        var width = reference.Width;
        var height = reference.Height;
        var count = width * height;
        var pool = ArrayPool<float>.Shared;
        var sigmas = BlobDetector.Sigmas(spacingMm, options);
        float[]? g0Anterior = null, g0Posterior = null;
        var combined = pool.Rent(count);
        var body = pool.Rent(count);
        var scratch = pool.Rent(count);
        try
        {
            if (anterior is not null)
            {
                g0Anterior = pool.Rent(count);
                GaussianFilter.Blur(anterior.Pixels, g0Anterior.AsSpan(0, count), scratch, width, height, sigmas[0]);
            }
            if (posterior is not null)
            {
                g0Posterior = pool.Rent(count);
                GaussianFilter.Blur(posterior.Pixels, g0Posterior.AsSpan(0, count), scratch, width, height, sigmas[0]);
            }
            // Both views together: twice the counts for the outline, the anchors and the skeleton.
            var sum = combined.AsSpan(0, count);
            sum.Clear();
            if (g0Anterior is not null) GaussianFilter.MultiplyAdd(g0Anterior.AsSpan(0, count), 1f, sum);
            if (g0Posterior is not null) GaussianFilter.MultiplyAdd(g0Posterior.AsSpan(0, count), 1f, sum);
            var bodySigma = Math.Sqrt(Math.Max(0.01, Math.Pow(options.BodySmoothingMm / spacingMm, 2) - sigmas[0] * sigmas[0]));
            GaussianFilter.Blur(sum, body.AsSpan(0, count), scratch, width, height, bodySigma);
            var bodyPixelSigma = options.BodySmoothingMm / spacingMm;

            var mask = BodyMask.Compute(body.AsSpan(0, count), width, height, bodyPixelSigma, options);
            if (mask is null)
            {
                warnings.Add("no body found: the image holds no activity above background");
                return Result(TracerStatus.Failed);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var skeletonThreshold = options.AnchorSkeletonRatio * mask.SoftTissue;
            var found = AnchorFinder.Find(mask, body.AsSpan(0, count), skeletonThreshold, spacingMm, options, out var anchorProblem);
            if (found is null)
            {
                warnings.Add(anchorProblem!);
                return Result(TracerStatus.Failed);
            }
            var (anchors, spineLine) = found.Value;
            var map = new RegionMap(anchors, spineLine, spacingMm, options);

            // Skeletal pixels on the combined image at the finest scale; their soft-tissue level is measured there too.
            var softTissue = SoftTissueLevel(sum, mask);
            var skeletal = new List<int>();
            var skeletonLevel = (float)(options.SkeletonToSoftTissueRatio * softTissue);
            for (var i = 0; i < count; i++) if (mask.Mask[i] != 0 && sum[i] > skeletonLevel) skeletal.Add(i);
            if (skeletal.Count < 50)
            {
                warnings.Add("no skeleton stands out from soft tissue");
                return Result(TracerStatus.Failed);
            }
            var normalAnterior = g0Anterior is null ? (double?)null : NormalBone(g0Anterior, skeletal, options);
            var normalPosterior = g0Posterior is null ? (double?)null : NormalBone(g0Posterior, skeletal, options);
            var skeletalArea = skeletal.Count * spacingMm * spacingMm;

            // The column core test needs the conjugate view: on a one-view study nothing tells the sternum from the spine or
            // confirms a vertebra's excess, and a real patient's column varies more from level to level than the phantom's
            // (on the one-view nm/WG04 scan it added a sternal and a lumbar focus).
            var detectOptions = normalAnterior is > 0 && normalPosterior is > 0 ? options : options with { ColumnCoreContrast = 0 };
            var anteriorBlobs = anterior is not null && normalAnterior is > 0
                ? BlobDetector.Detect(BoneScanView.Anterior, anterior.Pixels, g0Anterior!, width, height, sigmas, mask, map, normalAnterior.Value, spacingMm, detectOptions, cancellationToken,
                    posterior is not null && g0Posterior is not null ? new ConjugateView(posterior.Pixels, g0Posterior) : null)
                : [];
            var posteriorBlobs = posterior is not null && normalPosterior is > 0
                ? BlobDetector.Detect(BoneScanView.Posterior, posterior.Pixels, g0Posterior!, width, height, sigmas, mask, map, normalPosterior.Value, spacingMm, detectOptions, cancellationToken,
                    anterior is not null && g0Anterior is not null ? new ConjugateView(anterior.Pixels, g0Anterior) : null)
                : [];
            var foci = LesionPairing.Pair(anteriorBlobs, posteriorBlobs, g0Anterior, g0Posterior, width, height, spacingMm, options);
            // The excess-area sizing of diffuse foci needs counts: at 0.5 M noise on hot bone stands out from its mirror.
            var fewestCounts = Math.Min(countsAnterior ?? long.MaxValue, countsPosterior ?? long.MaxValue);
            var classifyOptions = options.ExcessAreaForDiffuseFoci && fewestCounts < options.ExcessAreaMinimumCountsPerView
                ? options with { ExcessAreaForDiffuseFoci = false }
                : options;
            var reasons = FocusExclusions.Classify(foci, mask, map, classifyOptions);

            var lesions = new List<BoneScanLesion>();
            var excluded = new List<ExcludedFocus>();
            double lesionArea = 0;
            var kidneysSeen = false;
            for (var i = 0; i < foci.Count; i++)
            {
                var focus = foci[i];
                if (reasons[i] is { } reason)
                {
                    // Normal structures that merely peak (a spine segment, a long bone) are not foci a reader needs to see.
                    if (reason is FocusExclusions.ImplausibleSize or FocusExclusions.NormalUptake or FocusExclusions.SameLesion) continue;
                    kidneysSeen |= reason == FocusExclusions.Kidney;
                    if (AlreadyExcluded(excluded, reason, focus, spacingMm, options)) continue;
                    excluded.Add(new ExcludedFocus(reason, focus.X, focus.Y)
                    {
                        Note = reason == FocusExclusions.SymmetricJoint ? "probably degenerative" : null,
                    });
                    continue;
                }
                var region = map.RegionOf(focus.X, focus.Y);
                if (map.InSternumBand(focus.X, focus.Y) && focus.AnteriorLevel > 0 && focus.PosteriorToAnterior <= 1 / options.SternumAnteriorDominance)
                    region = SkeletalRegion.Sternum;
                var area = focus.LesionAreaMm2(options.MaxLesionAreaMm2);
                lesionArea += area;
                lesions.Add(new BoneScanLesion($"L{lesions.Count + 1}", region, focus.Views, focus.X, focus.Y, Math.Round(focus.PeakRatio, 2), Math.Round(area, 1)));
            }
            var burden = Math.Min(100, 100 * lesionArea / skeletalArea);
            var normalBone = normalAnterior ?? normalPosterior ?? 0;
            var views = (g0Anterior is null ? 0 : 1) + (g0Posterior is null ? 0 : 1);
            var boneToSoftTissue = normalBone * views / Math.Max(softTissue, 1e-6);
            return Result(status) with
            {
                LesionCount = lesions.Count,
                RegionCounts = RegionCounts.Of(lesions),
                Lesions = lesions,
                Excluded = excluded,
                ExtentOfDiseaseGrade = ExtentOfDisease.Grade(lesions.Count, burden, boneToSoftTissue, kidneysSeen, options),
                LesionBurdenPercent = Math.Round(burden, 2),
                Normalisation = new BoneScanNormalisation(Round(normalAnterior), Round(normalPosterior), Math.Round(softTissue, 3), Math.Round(skeletalArea, 0)),
                Anchors = anchors with { SpineColumn = Math.Round(anchors.SpineColumn, 1), ShoulderHalfWidth = Math.Round(anchors.ShoulderHalfWidth, 1) },
            };
        }
        finally
        {
            pool.Return(combined);
            pool.Return(body);
            pool.Return(scratch);
            if (g0Anterior is not null) pool.Return(g0Anterior);
            if (g0Posterior is not null) pool.Return(g0Posterior);
        }
    }

    private static bool AlreadyExcluded(List<ExcludedFocus> excluded, string reason, PairedFocus focus, double spacingMm, BoneScanOptions options)
    {
        foreach (var e in excluded)
            if (e.Reason == reason && Math.Sqrt(Math.Pow(e.X - focus.X, 2) + Math.Pow(e.Y - focus.Y, 2)) * spacingMm <= options.ExclusionMergeMm) return true;
        return false;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static double SoftTissueLevel(ReadOnlySpan<float> image, BodyMask mask)
    {
        var values = ArrayPool<float>.Shared.Rent(image.Length);
        try
        {
            var n = 0;
            // Every third pixel: the median of tens of thousands of soft-tissue pixels does not need all of them.
            for (var i = 0; i < image.Length; i += 3) if (mask.Mask[i] != 0) values[n++] = image[i];
            return RobustStatistics.Quantile(values.AsSpan(0, n), 0.5);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }

    /// <summary>The view's normal bone level: the trimmed median of its skeletal pixels.</summary>
    private static double NormalBone(float[] smoothed, List<int> skeletal, BoneScanOptions options)
    {
        var values = ArrayPool<float>.Shared.Rent(skeletal.Count);
        try
        {
            // At most ~20 000 samples, evenly spread: the trimmed median's sorts dominate otherwise.
            var step = Math.Max(1, skeletal.Count / 20_000);
            var n = 0;
            for (var i = 0; i < skeletal.Count; i += step) values[n++] = smoothed[skeletal[i]];
            var span = values.AsSpan(0, n);
            span.Sort();
            return RobustStatistics.TrimmedMedian(span, options.NormalBoneOutlierSd, options.NormalBoneIterations).Median;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }
}
