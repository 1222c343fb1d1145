using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>Steps 2–7 on the synthetic model: QC gates, anchors, normalisation, candidates, exclusions, pairing.</summary>
public sealed class BoneScanPipelineTests
{
    private static BoneScanFindings Analyze(SyntheticBoneScan model, bool withPosterior = true, BoneScanOptions? options = null) =>
        BoneScanPipeline.Analyze(model.Study(withPosterior), options ?? BoneScanOptions.Default, "test", CancellationToken.None);

    private static BoneScanFindings Analyze(BoneScanStudy study) => BoneScanPipeline.Analyze(study, BoneScanOptions.Default, "test", CancellationToken.None);

    // ---- QC ----

    [Fact]
    public void Good_study_has_no_qc_warnings()
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 11 });

        Assert.Empty(findings.Qc.Warnings);
        Assert.Equal(TracerStatus.Analysed, findings.Status);
        Assert.InRange(findings.Qc.CountsAnterior!.Value, 1_450_000, 1_550_000);
    }

    [Fact]
    public void Low_counts_missing_spacing_unknown_tracer_and_missing_view_are_warned()
    {
        var study = new SyntheticBoneScan { Seed = 12, CountsPerView = 300_000 }.Study(withPosterior: false) with
        {
            PixelSpacingMm = null,
            Tracer = TracerStatus.UnknownTracer,
        };

        var warnings = Analyze(study).Qc.Warnings;

        Assert.Contains(warnings, w => w.StartsWith("anterior view has", StringComparison.Ordinal) && w.Contains("under 500000", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("pixel spacing missing", StringComparison.Ordinal));
        Assert.Contains("tracer not recorded: analysed as Tc-99m", warnings);
        Assert.Contains("posterior view missing", warnings);
    }

    [Fact]
    public void Sm153_study_is_recorded_but_not_counted()
    {
        var study = new SyntheticBoneScan { Seed = 13 }.Study() with { Tracer = TracerStatus.NotCounted, TracerDescription = "Sm-153 EDTMP" };

        var findings = Analyze(study);

        Assert.Equal(TracerStatus.NotCounted, findings.Status);
        Assert.Null(findings.LesionCount);
        Assert.Null(findings.ExtentOfDiseaseGrade);
        Assert.Equal("Sm-153 EDTMP", findings.Tracer);
        Assert.NotNull(findings.Qc.CountsAnterior);
    }

    [Fact]
    public void Empty_image_fails_with_a_reason_instead_of_throwing()
    {
        var study = new BoneScanStudy
        {
            Anterior = new ScanImage(64, 64, new float[64 * 64]),
            PixelSpacingMm = 2.26,
            Tracer = TracerStatus.Analysed,
        };

        var findings = Analyze(study);

        Assert.Equal(TracerStatus.Failed, findings.Status);
        Assert.Contains(findings.Qc.Warnings, w => w.StartsWith("no body found", StringComparison.Ordinal));
    }

    [Fact]
    public void Spot_view_that_is_not_a_whole_body_fails_with_a_reason()
    {
        var pixels = new float[128 * 128];
        var random = new Random(5);
        for (var y = 20; y < 108; y++)
            for (var x = 20; x < 108; x++)
                pixels[y * 128 + x] = 20 + random.Next(10);
        var study = new BoneScanStudy { Anterior = new ScanImage(128, 128, pixels), PixelSpacingMm = 2.26, Tracer = TracerStatus.Analysed };

        var findings = Analyze(study);

        Assert.Equal(TracerStatus.Failed, findings.Status);
        Assert.Contains(findings.Qc.Warnings, w => w.Contains("not a whole-body view", StringComparison.Ordinal));
    }

    [Fact]
    public void Views_of_different_sizes_keep_the_anterior_and_warn()
    {
        var study = new SyntheticBoneScan { Seed = 14 }.Study() with { Posterior = new ScanImage(128, 512, new float[128 * 512]) };

        var findings = Analyze(study);

        Assert.Equal(TracerStatus.Analysed, findings.Status);
        Assert.Contains(findings.Qc.Warnings, w => w.Contains("posterior ignored", StringComparison.Ordinal));
    }

    // ---- Anchors and regions ----

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Anchors_are_found_within_tolerance(int seed)
    {
        var anchors = Analyze(new SyntheticBoneScan { Seed = seed }).Anchors!;
        var tolerance = (int)Math.Ceiling(30 / SyntheticBoneScan.SpacingMm);

        Assert.InRange(anchors.HeadTop, SyntheticBoneScan.HeadTop - 5, SyntheticBoneScan.HeadTop + 5);
        Assert.InRange(anchors.Neck, SyntheticBoneScan.Neck - tolerance, SyntheticBoneScan.Neck + tolerance);
        Assert.InRange(anchors.Shoulders, SyntheticBoneScan.Shoulders - tolerance, SyntheticBoneScan.Shoulders + tolerance);
        Assert.InRange(anchors.IliacCrests, SyntheticBoneScan.IliacCrests - tolerance, SyntheticBoneScan.IliacCrests + tolerance);
        Assert.InRange(anchors.Knees, SyntheticBoneScan.Knees - tolerance, SyntheticBoneScan.Knees + tolerance);
        Assert.InRange(anchors.Feet, SyntheticBoneScan.Feet - 10, SyntheticBoneScan.Feet + 10);
        Assert.InRange(anchors.SpineColumn, SyntheticBoneScan.Centre - 3, SyntheticBoneScan.Centre + 3);
    }

    [Theory]
    [InlineData(128, 80, SkeletalRegion.Skull)]
    [InlineData(128, 160, SkeletalRegion.CervicalSpine)]
    [InlineData(128, 280, SkeletalRegion.ThoracicSpine)]
    [InlineData(128, 400, SkeletalRegion.LumbarSpine)]
    [InlineData(128, 470, SkeletalRegion.Sacrum)]
    [InlineData(78, 260, SkeletalRegion.Ribs)]
    [InlineData(200, 190, SkeletalRegion.Shoulder)]
    [InlineData(80, 470, SkeletalRegion.Pelvis)]
    [InlineData(220, 330, SkeletalRegion.UpperLimbs)]
    [InlineData(90, 650, SkeletalRegion.LowerLimbs)]
    public void Region_map_follows_the_anchors(int x, int y, SkeletalRegion expected)
    {
        var anchors = new AnatomicalAnchors(SyntheticBoneScan.HeadTop, SyntheticBoneScan.Neck, SyntheticBoneScan.Shoulders, SyntheticBoneScan.IliacCrests,
            SyntheticBoneScan.Knees, SyntheticBoneScan.Feet, SyntheticBoneScan.Centre, 100);
        var spine = Enumerable.Repeat((float)SyntheticBoneScan.Centre, SyntheticBoneScan.Height).ToArray();
        var map = new RegionMap(anchors, spine, SyntheticBoneScan.SpacingMm, BoneScanOptions.Default);

        Assert.Equal(expected, map.RegionOf(x, y));
    }

    // ---- Normalisation ----

    [Fact]
    public void Trimmed_median_ignores_hot_outliers()
    {
        var values = Enumerable.Range(0, 1000).Select(i => 100f + (i % 21) - 10).Concat(Enumerable.Repeat(1000f, 200)).ToArray();
        Array.Sort(values);

        var (median, kept) = RobustStatistics.TrimmedMedian(values, 2.5, 5);

        Assert.InRange(median, 99, 101);
        Assert.Equal(1000, kept);
    }

    [Fact]
    public void Normal_bone_level_is_stable_when_lesions_are_added()
    {
        var clean = Analyze(new SyntheticBoneScan { Seed = 31 }).Normalisation!;
        var lesions = Enumerable.Range(0, 10).Select(i => new SyntheticLesion(128, 200 + 22 * i, 20, 3)).ToList();
        var diseased = Analyze(new SyntheticBoneScan { Seed = 31, Lesions = lesions }).Normalisation!;

        Assert.InRange(diseased.NormalBoneAnterior!.Value / clean.NormalBoneAnterior!.Value, 0.95, 1.08);
        Assert.True(clean.SkeletalAreaMm2 > 50_000);
    }

    // ---- Candidates ----

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(44)]
    public void Scan_without_lesions_counts_none(int seed)
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = seed });

        Assert.Equal(0, findings.LesionCount);
        Assert.Equal(0, findings.ExtentOfDiseaseGrade);
    }

    [Theory]
    [InlineData(128, 300, SkeletalRegion.ThoracicSpine, 0.85f)]
    [InlineData(128, 400, SkeletalRegion.LumbarSpine, 0.85f)]
    [InlineData(77, 240, SkeletalRegion.Ribs, 0.75f)]
    [InlineData(88, 620, SkeletalRegion.LowerLimbs, 0.9f)]
    [InlineData(97, 97, SkeletalRegion.Skull, 0.9f)]
    public void Lesion_of_twice_normal_bone_and_15_mm_is_found_in_its_region(int x, int y, SkeletalRegion region, float bone)
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 51, Lesions = [new SyntheticLesion(x, y, 15, 2, bone)] });

        var lesion = Assert.Single(findings.Lesions);
        Assert.Equal(region, lesion.Region);
        Assert.InRange(lesion.X, x - 4, x + 4);
        Assert.InRange(lesion.Y, y - 4, y + 4);
        Assert.InRange(lesion.AreaMm2, 100, 700);
        Assert.Equal([BoneScanView.Anterior, BoneScanView.Posterior], lesion.Views);
        Assert.Equal(1, findings.RegionCounts![region]);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(30)]
    public void Lesions_from_12_to_30_mm_are_found(double diameterMm)
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 54, Lesions = [new SyntheticLesion(128, 300, diameterMm, 2.5)] });

        var lesion = Assert.Single(findings.Lesions);
        Assert.Equal(SkeletalRegion.ThoracicSpine, lesion.Region);
    }

    [Fact]
    public void Poisson_significance_gate_decides_whether_a_lesion_is_kept()
    {
        var model = new SyntheticBoneScan { Seed = 52, Lesions = [new SyntheticLesion(128, 300, 15, 2)] };

        Assert.Equal(1, Analyze(model).LesionCount);
        Assert.Equal(0, Analyze(model, options: BoneScanOptions.Default with { MinimumZScore = 1000 }).LesionCount);
    }

    [Fact]
    public void Region_peak_ratio_and_reference_contrast_decide_whether_a_lesion_is_kept()
    {
        // A blob gets in by the region's threshold against global normal bone or by its contrast against the bone a
        // normal skeleton shows at its place (the other side: peak against the mirror, or core against the registered
        // mirror core); with all raised out of reach it is gone.
        var model = new SyntheticBoneScan { Seed = 53, Lesions = [new SyntheticLesion(77, 240, 15, 2, 0.75f)] };
        var strict = BoneScanOptions.Default with
        {
            RegionPeakRatio = new Dictionary<SkeletalRegion, double>(BoneScanOptions.Default.RegionPeakRatio) { [SkeletalRegion.Ribs] = 5 },
            MinimumReferenceContrast = 5,
            MirrorCoreContrast = 5,
        };

        Assert.Equal(1, Analyze(model).RegionCounts!.Ribs);
        Assert.Equal(0, Analyze(model, options: strict).RegionCounts!.Ribs);
    }

    // ---- Exclusions ----

    [Fact]
    public void Bladder_kidneys_and_injection_site_are_excluded_with_their_reasons()
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 61 });

        Assert.Contains(findings.Excluded, e => e.Reason == "bladder" && Math.Abs(e.X - 128) < 15 && Math.Abs(e.Y - 505) < 20);
        Assert.Contains(findings.Excluded, e => e.Reason == "kidney" && e.X < 128);
        Assert.Contains(findings.Excluded, e => e.Reason == "kidney" && e.X > 128);
        Assert.Contains(findings.Excluded, e => e.Reason == "injection-site" && Math.Abs(e.X - 222) < 5 && Math.Abs(e.Y - 372) < 5);
        Assert.True(findings.LesionCount == 0, string.Join("; ", findings.Lesions.Select(l => $"{l.Region} ({l.X},{l.Y}) r{l.PeakRatio} {l.AreaMm2} mm²")));
    }

    [Fact]
    public void Symmetric_knee_uptake_is_excluded_as_probably_degenerative()
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 62, SymmetricKnees = true });

        var knees = findings.Excluded.Where(e => e.Reason == "symmetric-joint" && Math.Abs(e.Y - SyntheticBoneScan.Knees) < 10).ToList();
        Assert.Equal(2, knees.Count);
        Assert.All(knees, k => Assert.Equal("probably degenerative", k.Note));
        Assert.Equal(0, findings.LesionCount);
    }

    [Fact]
    public void One_sided_knee_lesion_is_counted()
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 63, Lesions = [new SyntheticLesion(128 - 34, SyntheticBoneScan.Knees, 15, 2.5, 1.2f)] });

        var lesion = Assert.Single(findings.Lesions);
        Assert.Equal(SkeletalRegion.LowerLimbs, lesion.Region);
    }

    [Fact]
    public void Hot_spot_outside_the_body_is_excluded()
    {
        var study = new SyntheticBoneScan { Seed = 64 }.Study();
        foreach (var image in new[] { study.Anterior!, study.Posterior! })
            for (var y = 590; y < 596; y++)
                for (var x = 5; x < 11; x++)
                    image.Pixels[y * SyntheticBoneScan.Width + x] += 400;

        var findings = Analyze(study);

        Assert.Contains(findings.Excluded, e => e.Reason == "outside-body" && e.X < 15 && Math.Abs(e.Y - 592) < 6);
        Assert.Equal(0, findings.LesionCount);
    }

    // ---- Pairing ----

    [Fact]
    public void Lesion_seen_in_both_views_counts_once()
    {
        var findings = Analyze(new SyntheticBoneScan { Seed = 71, Lesions = [new SyntheticLesion(128, 380, 20, 2.5)] });

        var lesion = Assert.Single(findings.Lesions);
        Assert.Equal([BoneScanView.Anterior, BoneScanView.Posterior], lesion.Views);
    }

    [Fact]
    public void Posterior_only_lesion_is_mapped_into_the_anterior_frame()
    {
        var lesion = new SyntheticLesion(80, 300, 15, 3, 0.75f) { View = BoneScanView.Posterior, OtherViewWeight = 0 };

        var findings = Analyze(new SyntheticBoneScan { Seed = 72, Lesions = [lesion] });

        var found = Assert.Single(findings.Lesions);
        Assert.Equal([BoneScanView.Posterior], found.Views);
        Assert.InRange(found.X, 76, 84);
    }

    [Fact]
    public void Anterior_dominant_midline_lesion_below_the_shoulders_is_sternal()
    {
        var lesion = new SyntheticLesion(128, 230, 15, 3, 0.9f) { View = BoneScanView.Anterior, OtherViewWeight = 0.1f };

        var findings = Analyze(new SyntheticBoneScan { Seed = 73, Lesions = [lesion] });

        Assert.Equal(SkeletalRegion.Sternum, Assert.Single(findings.Lesions).Region);
    }

    [Fact]
    public void Many_lesions_give_counts_burden_and_grade()
    {
        var lesions = new List<SyntheticLesion>();
        for (var i = 0; i < 4; i++) lesions.Add(new SyntheticLesion(128, 200 + 50 * i, 15, 2.5));
        for (var i = 0; i < 4; i++) lesions.Add(new SyntheticLesion(i % 2 == 0 ? 77 : 179, 215 + 30 * i, 15, 2.5, 0.75f));

        var findings = Analyze(new SyntheticBoneScan { Seed = 74, Lesions = lesions });

        Assert.Equal(8, findings.LesionCount);
        Assert.Equal(2, findings.ExtentOfDiseaseGrade);
        Assert.InRange(findings.LesionBurdenPercent!.Value, 0.5, 10);
        Assert.Equal(findings.LesionCount, findings.RegionCounts!.ThoracicSpine + findings.RegionCounts.LumbarSpine + findings.RegionCounts.Ribs + findings.RegionCounts.Sternum);
    }
}
