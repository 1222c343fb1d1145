using System.Runtime.CompilerServices;
using System.Globalization;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Anatomy;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Rendering;
using Imaging.Phantoms.Truth;

namespace Imaging.Phantoms;

/// <summary>Generates synthetic Tc-99m MDP (or Sm-153 EDTMP) whole-body bone scans as real NM DICOM with ground truth:
/// anatomy with relative uptake per view, lesions, system blur, scaling to a count level and Poisson noise; and
/// follow-up studies of the same patient with lesions added, removed, moved and changed.</summary>
public static class BoneScanPhantom
{
    /// <summary>Soft-tissue uptake per mm of path, relative to a normal thoracic vertebra's peak (about 5:1 bone to
    /// tissue on the posterior view of the thoracic spine, as 3 h after MDP injection).</summary>
    private const double SoftTissuePerMm = 0.0012;

    private const double InjectionFwhmMm = 12;
    private const double ExtravasationFwhmMm = 35;

    /// <summary>Every named lesion site, e.g. "T8", "L3", "skull", "left-rib-6-posterior", "right-femur".</summary>
    public static IReadOnlyList<string> SiteNames { get; } = new BodyModel(1750).SiteNames.Order(StringComparer.Ordinal).ToArray();

    public static BoneScanStudy Generate(BoneScanPhantomOptions? options = null) => Generate(options ?? new BoneScanPhantomOptions(), null);

    /// <summary>A later study of the baseline's patient (same name, ID and birth date; new study, series and instance UIDs;
    /// <see cref="FollowUpChanges.DaysLater"/> later) with the lesion changes applied and the patient lying slightly
    /// differently; its ground truth classifies every lesion as new, persistent or resolved.</summary>
    public static BoneScanStudy FollowUp(BoneScanStudy baseline, FollowUpChanges changes)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(changes);
        var known = baseline.Lesions.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in changes.Removed.Concat(changes.Shifted.Keys).Concat(changes.NewContrast.Keys))
            if (!known.Contains(id)) throw new ArgumentException($"Follow-up changes name lesion '{id}', which the baseline does not have.", nameof(changes));
        foreach (var added in changes.Added)
            if (known.Contains(added.Id)) throw new ArgumentException($"Added lesion id '{added.Id}' is already a baseline lesion id.", nameof(changes));

        var lesions = new List<PhantomLesion>();
        foreach (var lesion in baseline.Lesions)
        {
            if (changes.Removed.Contains(lesion.Id)) continue;
            var changed = lesion;
            if (changes.Shifted.TryGetValue(lesion.Id, out var shift)) changed = changed with { At = changed.At.Shifted(shift.DxMm, shift.DyMm) };
            if (changes.NewContrast.TryGetValue(lesion.Id, out var contrast)) changed = changed with { Contrast = contrast };
            lesions.Add(changed);
        }
        lesions.AddRange(changes.Added);

        var seed = changes.Seed ?? baseline.Options.Seed + 7919;
        var options = baseline.Options with
        {
            Seed = seed,
            Lesions = lesions,
            PatientShiftXPixels = changes.PatientShiftXPixels,
            PatientShiftYPixels = changes.PatientShiftYPixels,
            PatientScale = changes.PatientScale,
            AcquisitionDateTime = baseline.Options.AcquisitionDateTime.AddDays(changes.DaysLater),
            CountsPerView = changes.CountsPerView ?? baseline.Options.CountsPerView,
            PatientName = baseline.Identity.PatientName,
            PatientId = baseline.Identity.PatientId,
            PatientBirthDate = baseline.Identity.BirthDate,
            PatientSex = baseline.Identity.Sex,
            AccessionNumber = null,
            UidSalt = $"{SaltOf(baseline.Options)}/follow-up/{seed.ToString(CultureInfo.InvariantCulture)}/{changes.DaysLater.ToString(CultureInfo.InvariantCulture)}",
        };
        return Generate(options, (baseline, changes));
    }

    private static string SaltOf(BoneScanPhantomOptions options) => options.UidSalt ?? $"seed:{options.Seed.ToString(CultureInfo.InvariantCulture)}";

    private sealed record ResolvedLesion(PhantomLesion Spec, BodyPoint Point, Structure Host);

    private sealed record HotSpot(string Kind, string Name, Shape Shape, double Uptake, double FrontDepthCm, double BackDepthCm, double SizeMm, BodyPoint Centre);

    private static BoneScanStudy Generate(BoneScanPhantomOptions options, (BoneScanStudy Baseline, FollowUpChanges Changes)? followUp)
    {
        Validate(options);
        var lesionSpecs = options.Lesions ?? BoneScanPhantomOptions.DefaultLesions;
        options = options with { Lesions = lesionSpecs };
        var tracer = TracerInfo.For(options.Tracer);
        var model = new BodyModel(options.PatientHeightMm);
        var geometry = new PixelGeometry(options.Columns, options.Rows, options.PixelSpacingMm, options.HeadTopMarginMm, options.PatientScale,
            options.PatientShiftXPixels, options.PatientShiftYPixels);
        var lesions = lesionSpecs.Select(l => new ResolvedLesion(l, l.At.Resolve(model, out var host), host)).ToList();
        var spots = HotSpots(options, model);

        var renders = RenderViews(options, tracer, model, geometry, lesions, spots);

        var identity = Identity(options);
        var instances = BuildInstances(options, tracer, identity, renders, out var frames);
        var truth = GroundTruth(options, tracer, identity, model, geometry, lesions, spots, renders, frames, followUp);
        return new BoneScanStudy(options, lesionSpecs, instances, truth, renders, identity);
    }

    private static void Validate(BoneScanPhantomOptions o)
    {
        static void Range(double value, double min, double max, string name)
        {
            if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        Range(o.Columns, 32, 2048, nameof(o.Columns));
        Range(o.Rows, 32, 4096, nameof(o.Rows));
        Range(o.PixelSpacingMm, 0.5, 10, nameof(o.PixelSpacingMm));
        Range(o.CountsPerView, 1_000, 2_000_000_000, nameof(o.CountsPerView));
        Range(o.SystemFwhmMm, 0, 50, nameof(o.SystemFwhmMm));
        Range(o.PatientHeightMm, 1000, 2200, nameof(o.PatientHeightMm));
        Range(o.HeadTopMarginMm, -500, 2000, nameof(o.HeadTopMarginMm));
        Range(o.PatientScale, 0.5, 2, nameof(o.PatientScale));
        Range(o.PatientShiftXPixels, -o.Columns, o.Columns, nameof(o.PatientShiftXPixels));
        Range(o.PatientShiftYPixels, -o.Rows, o.Rows, nameof(o.PatientShiftYPixels));
        Range(o.BladderUptake, 0, 100, nameof(o.BladderUptake));
        Range(o.EnergyWindowPercent, 1, 50, nameof(o.EnergyWindowPercent));
        Range(o.ScanSpeedCmPerMinute, 1, 100, nameof(o.ScanSpeedCmPerMinute));
        Range(o.AdministeredActivityMBq ?? 1, 0.001, 100_000, nameof(o.AdministeredActivityMBq));
        if (o.PatientSex is not ("M" or "F" or "O")) throw new ArgumentException("PatientSex must be M, F or O.", nameof(o));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lesion in o.Lesions ?? [])
        {
            if (string.IsNullOrWhiteSpace(lesion.Id) || !ids.Add(lesion.Id)) throw new ArgumentException($"Lesion ids must be unique and not blank ('{lesion.Id}').", nameof(o));
            Range(lesion.FwhmMm, 2, 150, $"lesion {lesion.Id} FwhmMm");
            if (!(lesion.Contrast > 1 && lesion.Contrast <= 100)) throw new ArgumentOutOfRangeException(nameof(o), lesion.Contrast, $"Lesion {lesion.Id} contrast must be above 1 (× normal bone) and at most 100.");
        }
    }

    private static List<HotSpot> HotSpots(BoneScanPhantomOptions options, BodyModel model)
    {
        var spots = new List<HotSpot>();
        if (options.InjectionSite is { } injection)
        {
            var at = injection.At.Resolve(model, out _);
            spots.Add(new("injection-site", "injection-site", new GaussianSpot(at, InjectionFwhmMm), 2.5, 1, 7, InjectionFwhmMm, at));
            if (injection.Extravasation)
                spots.Add(new("extravasation", "extravasation", new GaussianSpot(at, ExtravasationFwhmMm), 1.6, 1, 7, ExtravasationFwhmMm, at));
        }
        void Joint(string site, double dx, double dy, double fwhm)
        {
            model.TryGetSite(site, out var point, out var host);
            var centre = point.Offset(dx, dy);
            spots.Add(new("degenerative-joint", site, new GaussianSpot(centre, fwhm), 0.7 * host.Uptake, host.FrontDepthCm, host.BackDepthCm, fwhm, centre));
        }
        if (options.DegenerativeJoints.HasFlag(DegenerativeJoints.Knees))
        {
            // Medial compartment (towards the midline) at the joint line.
            Joint("right-knee", 12, 16, 22);
            Joint("left-knee", -12, 16, 22);
        }
        if (options.DegenerativeJoints.HasFlag(DegenerativeJoints.Shoulders))
        {
            Joint("right-shoulder", 0, -8, 24);
            Joint("left-shoulder", 0, -8, 24);
        }
        return spots;
    }

    private static ViewRender[] RenderViews(BoneScanPhantomOptions options, TracerInfo tracer, BodyModel model, PixelGeometry geometry,
        IReadOnlyList<ResolvedLesion> lesions, IReadOnlyList<HotSpot> spots)
    {
        var renderer = new ActivityRenderer(geometry);
        var mu = tracer.AttenuationPerCm;
        var anterior = renderer.NewImage();
        renderer.AddSoftTissue(anterior, model.SoftTissues, SoftTissuePerMm, mu / 10);
        var posterior = (float[])anterior.Clone();

        void Draw(float[] a, float[] p, Structure s) =>
            renderer.Add(a, p, s.Shape, s.Uptake * s.Weight(PhantomView.Anterior, mu), s.Uptake * s.Weight(PhantomView.Posterior, mu));

        foreach (var bone in model.Bones) Draw(anterior, posterior, bone);
        if (options.Kidneys)
            foreach (var kidney in new[] { model.LeftKidney, model.RightKidney }) Draw(anterior, posterior, kidney);
        Draw(anterior, posterior, model.Bladder with { Uptake = options.BladderUptake });
        foreach (var spot in spots)
            renderer.Add(anterior, posterior, spot.Shape, spot.Uptake * Math.Exp(-mu * spot.FrontDepthCm), spot.Uptake * Math.Exp(-mu * spot.BackDepthCm));

        var lesionsAnterior = renderer.NewImage();
        var lesionsPosterior = renderer.NewImage();
        foreach (var lesion in lesions)
        {
            double Excess(PhantomView view) =>
                Visible(lesion.Spec.Views, view) ? (lesion.Spec.Contrast - 1) * lesion.Host.Uptake * lesion.Host.Weight(view, mu) : 0;
            renderer.Add(lesionsAnterior, lesionsPosterior, new GaussianSpot(lesion.Point, lesion.Spec.FwhmMm), Excess(PhantomView.Anterior), Excess(PhantomView.Posterior));
        }
        return
        [
            Finish(options, PhantomView.Anterior, anterior, lesionsAnterior),
            Finish(options, PhantomView.Posterior, posterior, lesionsPosterior),
        ];
    }

    /// <summary>Blur, scale to the count level, mirror the posterior view, and sample the counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ViewRender Finish(BoneScanPhantomOptions options, PhantomView view, float[] background, float[] lesionLayer)
    {
        var sigma = options.SystemFwhmMm / (2 * Math.Sqrt(2 * Math.Log(2))) / options.PixelSpacingMm;
        GaussianBlur.Apply(background, options.Columns, options.Rows, sigma);
        GaussianBlur.Apply(lesionLayer, options.Columns, options.Rows, sigma);

        var total = 0.0;
        for (var i = 0; i < background.Length; i++) total += background[i] + lesionLayer[i];
        if (!(total > 0)) throw new ArgumentException("The patient lies outside the image; nothing to count.");
        var scale = options.CountsPerView / total;
        for (var i = 0; i < background.Length; i++)
        {
            background[i] = (float)(background[i] * scale);
            lesionLayer[i] = (float)(lesionLayer[i] * scale);
            if (background[i] + lesionLayer[i] > 60_000)
                throw new ArgumentException($"{options.CountsPerView} counts per view saturate 16-bit pixels; lower the count level.");
        }
        if (view == PhantomView.Posterior)
        {
            Mirror(background, options.Columns);
            Mirror(lesionLayer, options.Columns);
        }

        var counts = new ushort[background.Length];
        long sum = 0;
        var random = new PhantomRandom(options.Seed, view == PhantomView.Anterior ? 1UL : 2UL);
        for (var i = 0; i < counts.Length; i++)
        {
            var expected = background[i] + lesionLayer[i];
            var value = options.PoissonNoise ? PoissonSampler.Sample(random, expected) : (int)Math.Round(expected);
            counts[i] = (ushort)Math.Min(value, ushort.MaxValue);
            sum += counts[i];
        }
        return new ViewRender(view, background, lesionLayer, counts, sum);
    }

    private static bool Visible(LesionViews views, PhantomView view) => views switch
    {
        LesionViews.AnteriorOnly => view == PhantomView.Anterior,
        LesionViews.PosteriorOnly => view == PhantomView.Posterior,
        _ => true,
    };

    private static void Mirror(float[] image, int columns)
    {
        for (var offset = 0; offset < image.Length; offset += columns) image.AsSpan(offset, columns).Reverse();
    }

    private static StudyIdentity Identity(BoneScanPhantomOptions options)
    {
        var salt = SaltOf(options);
        var seedText = options.Seed.ToString(CultureInfo.InvariantCulture);
        return new StudyIdentity(
            options.PatientName ?? $"PHANTOM^BONE^S{seedText}",
            options.PatientId ?? "PH" + PhantomUids.Digits(salt, 8),
            options.PatientBirthDate,
            options.PatientSex,
            PhantomUids.Derive(salt, "study"),
            PhantomUids.Digits(salt + "/study-id", 6),
            options.AccessionNumber ?? "A" + PhantomUids.Digits(salt + "/accession", 9),
            options.AcquisitionDateTime,
            PhantomUids.Derive(salt, "frame-of-reference"));
    }

    private static List<DicomFile> BuildInstances(BoneScanPhantomOptions options, TracerInfo tracer, StudyIdentity identity,
        IReadOnlyList<ViewRender> renders, out List<FrameTruth> frames)
    {
        var salt = SaltOf(options);
        var instances = new List<DicomFile>();
        frames = [];
        var phantomFrames = renders.Select(r => new PhantomFrame(r.View, r.Counts, r.TotalCounts)).ToList();
        if (options.Layout == PhantomLayout.TwoFrameInstance)
        {
            var series = PhantomUids.Derive(salt, "series-1");
            var sop = PhantomUids.Derive(salt, "instance-1");
            instances.Add(NmInstanceBuilder.Build(options, tracer, identity, phantomFrames, series, 1, sop, 1));
            for (var i = 0; i < phantomFrames.Count; i++)
                frames.Add(new FrameTruth(ViewName(phantomFrames[i].View), series, sop, i, phantomFrames[i].View == PhantomView.Posterior, phantomFrames[i].Counts));
            return instances;
        }
        for (var i = 0; i < phantomFrames.Count; i++)
        {
            var perSeries = options.Layout == PhantomLayout.SeriesPerView;
            var series = PhantomUids.Derive(salt, perSeries ? $"series-{i + 1}" : "series-1");
            var sop = PhantomUids.Derive(salt, $"instance-{i + 1}");
            instances.Add(NmInstanceBuilder.Build(options, tracer, identity, [phantomFrames[i]], series, perSeries ? i + 1 : 1, sop, perSeries ? 1 : i + 1));
            frames.Add(new FrameTruth(ViewName(phantomFrames[i].View), series, sop, 0, phantomFrames[i].View == PhantomView.Posterior, phantomFrames[i].Counts));
        }
        return instances;
    }

    internal static string ViewName(PhantomView view) => view == PhantomView.Anterior ? "anterior" : "posterior";

    private static BoneScanGroundTruth GroundTruth(BoneScanPhantomOptions options, TracerInfo tracer, StudyIdentity identity, BodyModel model,
        PixelGeometry geometry, IReadOnlyList<ResolvedLesion> lesions, IReadOnlyList<HotSpot> spots, IReadOnlyList<ViewRender> renders,
        IReadOnlyList<FrameTruth> frames, (BoneScanStudy Baseline, FollowUpChanges Changes)? followUp)
    {
        PixelPoint Pixel(BodyPoint p)
        {
            var (x, y) = geometry.ToPixel(p);
            return new PixelPoint(Math.Round(x, 2), Math.Round(y, 2));
        }

        var anterior = renders.First(r => r.View == PhantomView.Anterior);
        var posterior = renders.First(r => r.View == PhantomView.Posterior);

        double? PeakRatio(ViewRender render, PixelPoint at, bool visible)
        {
            if (!visible) return null;
            var column = (int)Math.Round(render.View == PhantomView.Posterior ? options.Columns - 1 - at.X : at.X);
            var row = (int)Math.Round(at.Y);
            if (column < 0 || row < 0 || column >= options.Columns || row >= options.Rows) return null;
            var index = row * options.Columns + column;
            var background = render.ExpectedBackground[index];
            return background > 0 ? Math.Round(render.Expected(index) / background, 3) : null;
        }

        var baselineTruth = followUp?.Baseline.GroundTruth.Lesions.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var lesionTruths = new List<LesionTruth>();
        foreach (var lesion in lesions)
        {
            var at = Pixel(lesion.Point);
            var views = lesion.Spec.Views switch
            {
                LesionViews.AnteriorOnly => new[] { "anterior" },
                LesionViews.PosteriorOnly => ["posterior"],
                _ => ["anterior", "posterior"],
            };
            var truth = new LesionTruth(lesion.Spec.Id, lesion.Host.Region!.Value.ToName(), lesion.Host.Name, at.X, at.Y,
                Math.Round(options.Columns - 1 - at.X, 2), lesion.Spec.FwhmMm, lesion.Spec.Contrast, views,
                PeakRatio(anterior, at, views.Contains("anterior")), PeakRatio(posterior, at, views.Contains("posterior")));
            if (baselineTruth is not null)
            {
                truth = baselineTruth.TryGetValue(lesion.Spec.Id, out var before)
                    ? truth with { Status = "persistent", BaselineId = before.Id, BaselineX = before.X, BaselineY = before.Y, BaselineContrast = before.Contrast }
                    : truth with { Status = "new" };
            }
            lesionTruths.Add(truth);
        }

        var hot = new List<HotStructureTruth>();
        var bladderAt = Pixel(((Ellipse)model.Bladder.Shape).Centre);
        hot.Add(new("bladder", "bladder", bladderAt.X, bladderAt.Y, Math.Round(96 * options.PatientHeightMm / 1750, 1), ["anterior", "posterior"]));
        if (options.Kidneys)
        {
            foreach (var kidney in new[] { model.RightKidney, model.LeftKidney })
            {
                var at = Pixel(((Ellipse)kidney.Shape).Centre);
                hot.Add(new("kidney", kidney.Name, at.X, at.Y, Math.Round(110 * options.PatientHeightMm / 1750, 1), ["anterior", "posterior"]));
            }
        }
        foreach (var spot in spots)
        {
            var at = Pixel(spot.Centre);
            hot.Add(new(spot.Kind, spot.Name, at.X, at.Y, spot.SizeMm, ["anterior", "posterior"]));
        }

        var a = model.Anchors;
        var anchors = new AnchorsTruth(Pixel(a["head-top"]), Pixel(a["neck"]), Pixel(a["right-shoulder"]), Pixel(a["left-shoulder"]), Pixel(a["pelvis"]),
            Pixel(a["right-hip"]), Pixel(a["left-hip"]), Pixel(a["right-knee"]), Pixel(a["left-knee"]), Pixel(a["right-ankle"]), Pixel(a["left-ankle"]),
            model.SpineLevels.Select(l => { var p = Pixel(l.Point); return new SpinePoint(l.Level, p.X, p.Y); }).ToList());

        ComparisonTruth? comparison = null;
        if (followUp is { } f)
        {
            var resolved = new List<LesionTruth>();
            foreach (var id in f.Changes.Removed)
            {
                var before = baselineTruth![id];
                var spec = f.Baseline.Lesions.First(l => l.Id == id);
                var at = Pixel(spec.At.Resolve(model, out _));
                resolved.Add(before with
                {
                    X = at.X, Y = at.Y, PosteriorX = Math.Round(options.Columns - 1 - at.X, 2), PeakRatioAnterior = null, PeakRatioPosterior = null,
                    Status = "resolved", BaselineId = id, BaselineX = before.X, BaselineY = before.Y, BaselineContrast = before.Contrast,
                });
            }
            comparison = new ComparisonTruth(f.Baseline.GroundTruth.StudyInstanceUid, f.Changes.DaysLater, options.PatientShiftXPixels,
                options.PatientShiftYPixels, options.PatientScale, lesionTruths.Count(l => l.Status == "new"),
                lesionTruths.Count(l => l.Status == "persistent"), resolved.Count, resolved);
        }

        return new BoneScanGroundTruth
        {
            Seed = options.Seed,
            Tracer = tracer.Name,
            EnergyKeV = tracer.PhotopeakKeV,
            PatientId = identity.PatientId,
            PatientName = identity.PatientName,
            StudyInstanceUid = identity.StudyInstanceUid,
            AcquisitionDateTime = options.AcquisitionDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            Columns = options.Columns,
            Rows = options.Rows,
            PixelSpacingMm = options.PixelSpacingMm,
            SystemFwhmMm = options.SystemFwhmMm,
            RequestedCountsPerView = options.CountsPerView,
            CountsAnterior = anterior.TotalCounts,
            CountsPosterior = posterior.TotalCounts,
            Frames = frames,
            Anchors = anchors,
            Lesions = lesionTruths,
            HotStructures = hot,
            Comparison = comparison,
        };
    }
}
