using System.Globalization;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Rendering;
using Imaging.Phantoms.Spine.Anatomy;
using Imaging.Phantoms.Spine.Dicom;
using Imaging.Phantoms.Spine.Rendering;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Generates synthetic sagittal MR spine series (T1 or T2 spin echo) with ground truth, from the same anatomy as
/// <see cref="SpineCtPhantom"/>: fractures, acute-fracture marrow oedema, slice-profile averaging, blur, receive-coil
/// shading and Rician or Gaussian noise.</summary>
public static class SpineMrPhantom
{
    /// <summary>Rows the field of view keeps below S1 when S1 is the last level: the upper sacrum, which levels are counted from.</summary>
    private const double SacrumBelowS1Mm = 45;

    private const double MarginMm = 12;

    public static SpineMrStudy Generate(SpineMrPhantomOptions? options = null)
    {
        options ??= new SpineMrPhantomOptions();
        Validate(options);
        var anatomy = MrTissueSignal.AnatomyOptions(options);
        var model = SpineModel.Build(anatomy);
        var salt = options.UidSalt ?? $"spine-mr-seed:{options.Seed.ToString(CultureInfo.InvariantCulture)}";
        var identity = new CtSeriesIdentity(
            options.PatientName ?? $"PHANTOM^SPINE^S{options.Seed.ToString(CultureInfo.InvariantCulture)}",
            options.PatientId ?? "PS" + PhantomUids.Digits(salt, 8),
            options.PatientBirthDate,
            options.PatientSex,
            PhantomUids.Derive(salt, "study"),
            PhantomUids.Derive(salt, "series"),
            PhantomUids.Digits(salt + "/study-id", 6),
            options.AccessionNumber ?? "A" + PhantomUids.Digits(salt + "/accession", 9),
            options.AcquisitionDateTime,
            PhantomUids.Derive(salt, "frame-of-reference"));

        var first = model.Vertebrae.First(v => v.Name == options.FirstLevel);
        var last = model.Vertebrae.First(v => v.Name == options.LastLevel);
        var top = Rims(first).Max() + MarginMm;
        var bottom = Rims(last).Min() - (last.Name == "S1" ? SacrumBelowS1Mm : MarginMm);
        var centreZ = (top + bottom) / 2;
        var inRange = model.Vertebrae.SkipWhile(v => v != first).TakeWhile(v => v != last).Append(last).ToList();
        var centreY = inRange.Average(v => v.Frame.Origin.Y) + inRange.Average(v => v.HalfDepth + v.Size.CanalDepth) * 0.8;
        var ps = options.PixelSpacingMm;
        var firstY = centreY - (options.Columns - 1) / 2.0 * ps;
        var firstZ = centreZ + (options.Rows - 1) / 2.0 * ps;

        var oedema = model.Vertebrae.Where(v => options.OedemaLevels.Contains(v.Name, StringComparer.Ordinal)).ToList();
        var slices = new SagittalSlice[options.Slices];
        for (var s = 0; s < options.Slices; s++)
        {
            // Instance 1 on the patient's right (−X), as scanners usually stack sagittal series.
            var x = options.MidlineOffsetMm + (s - (options.Slices - 1) / 2.0) * options.SliceSpacingMm;
            slices[s] = new SagittalSlice(x, firstY, firstZ, ps, options.Rows, options.Columns);
        }

        var pixels = options.Rows * options.Columns;
        var stored = new ushort[options.Slices][];
        var sigma = options.BlurFwhmMm / (2 * Math.Sqrt(2 * Math.Log(2))) / ps;
        var posteriorEdge = firstY + (options.Columns - 1) * ps;
        Parallel.For(0, options.Slices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new float[pixels], (s, _, signal) =>
        {
            SagittalPainter.Paint(model.Shapes, oedema, slices[s], options.SliceThicknessMm, options.Contrast, options.OedemaFraction, signal);
            if (sigma > 0) EdgeClampedBlur.Apply(signal, options.Columns, options.Rows, sigma);
            Shade(signal, slices[s], options.BiasFieldStrength, posteriorEdge, centreZ);
            stored[s] = Store(signal, options, new PhantomRandom(options.Seed, stream: (ulong)s + 1));
            return signal;
        }, _ => { });

        var instances = new List<DicomFile>(options.Slices);
        for (var s = 0; s < options.Slices; s++)
            instances.Add(MrInstanceBuilder.Build(options, identity, slices[s], stored[s],
                PhantomUids.Derive(salt, "slice-" + s.ToString(CultureInfo.InvariantCulture)), s + 1));

        var bottomZ = firstZ - (options.Rows - 1) * ps;
        var levels = new List<VertebraTruth>();
        foreach (var v in model.Vertebrae)
        {
            if (v.Region == SpineRegion.Sacral && v.Name != "S1") continue;
            var rims = Rims(v).ToArray();
            if (rims.Max() < bottomZ || rims.Min() > firstZ) continue;
            levels.Add(SpineTruthBuilder.Level(v, rims.Max() <= firstZ && rims.Min() >= bottomZ ? "full" : "partial"));
        }
        var s1 = model.Vertebrae.First(v => v.Name == "S1");
        var truth = new SpineMrGroundTruth
        {
            StudyInstanceUid = identity.StudyInstanceUid,
            SeriesInstanceUid = identity.SeriesInstanceUid,
            FrameOfReferenceUid = identity.FrameOfReferenceUid,
            PatientId = identity.PatientId,
            Seed = options.Seed,
            Contrast = options.Contrast.ToString(),
            ThoracicVertebrae = options.ThoracicVertebrae,
            LumbarVertebrae = options.LumbarVertebrae,
            TransitionalAnatomy = options.ThoracicVertebrae != 12 || options.LumbarVertebrae != 5,
            FirstLevel = options.FirstLevel,
            LastLevel = options.LastLevel,
            Slices = options.Slices,
            SliceThicknessMm = options.SliceThicknessMm,
            SliceSpacingMm = options.SliceSpacingMm,
            PixelSpacingMm = ps,
            Rows = options.Rows,
            Columns = options.Columns,
            SlicePositionsXMm = slices.Select(s => Math.Round(s.X, 4)).ToArray(),
            TopZMm = Math.Round(firstZ, 4),
            BottomZMm = Math.Round(bottomZ, 4),
            SacrumInView = Rims(s1).Min() - 10 >= bottomZ && Rims(s1).Max() <= firstZ,
            OedemaLevels = options.OedemaLevels.ToArray(),
            Vertebrae = levels,
            FlaggedLevels = levels.Where(l => l.GenantGrade >= 1).Select(l => l.Level).ToArray(),
        };
        return new SpineMrStudy(options, instances, truth);
    }

    private static IEnumerable<double> Rims(Vertebra v) =>
        new[] { -1.0, 1.0 }.SelectMany(a => new[] { -1.0, 1.0 }.Select(t => v.Frame.ToPatient(0, a * v.HalfDepth, t * v.StackHeight / 2).Z));

    /// <summary>A posterior spine coil: sensitivity falls off with depth from the back and varies slowly head to feet.</summary>
    private static void Shade(float[] signal, SagittalSlice slice, double strength, double posteriorEdge, double centreZ)
    {
        if (strength <= 0) return;
        var span = slice.Rows * slice.PixelSpacing;
        for (var r = 0; r < slice.Rows; r++)
        {
            var along = 1 + 0.25 * Math.Cos(Math.PI * (slice.Z(r) - centreZ) / span);
            for (var c = 0; c < slice.Columns; c++)
            {
                var depth = posteriorEdge - slice.Y(c);
                var gain = 1 - strength + strength * 1.6 * Math.Exp(-depth / 110) * along;
                signal[r * slice.Columns + c] *= (float)gain;
            }
        }
    }

    private static ushort[] Store(float[] signal, SpineMrPhantomOptions o, PhantomRandom random)
    {
        var pixels = o.Rows * o.Columns;
        var stored = new ushort[pixels];
        for (var i = 0; i < pixels; i++)
        {
            double value = signal[i];
            if (o.NoiseSigma > 0)
            {
                // Box–Muller: the pair serves as the real and imaginary channel noise of one pixel.
                var radius = Math.Sqrt(-2 * Math.Log(random.NextOpenDouble())) * o.NoiseSigma;
                var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
                value = o.Noise == MrNoiseKind.Rician
                    ? Math.Sqrt((value + radius * cos) * (value + radius * cos) + radius * sin * (radius * sin))
                    : value + radius * cos;
            }
            stored[i] = (ushort)Math.Clamp(Math.Round(value), 0, MrInstanceBuilder.MaximumStored);
        }
        return stored;
    }

    private static void Validate(SpineMrPhantomOptions o)
    {
        SpineAnatomyOptionsCheck.Range(o.Rows, 32, 1024, nameof(o.Rows));
        SpineAnatomyOptionsCheck.Range(o.Columns, 32, 1024, nameof(o.Columns));
        SpineAnatomyOptionsCheck.Range(o.Slices, 1, 41, nameof(o.Slices));
        SpineAnatomyOptionsCheck.Range(o.PixelSpacingMm, 0.2, 3, nameof(o.PixelSpacingMm));
        SpineAnatomyOptionsCheck.Range(o.SliceThicknessMm, 0.5, 10, nameof(o.SliceThicknessMm));
        SpineAnatomyOptionsCheck.Range(o.SliceSpacingMm, 0.5, 20, nameof(o.SliceSpacingMm));
        SpineAnatomyOptionsCheck.Range(o.MidlineOffsetMm, -40, 40, nameof(o.MidlineOffsetMm));
        SpineAnatomyOptionsCheck.Range(o.MagneticFieldStrengthT, 0.1, 11.7, nameof(o.MagneticFieldStrengthT));
        SpineAnatomyOptionsCheck.Range(o.RepetitionTimeMs ?? 500, 1, 20000, nameof(o.RepetitionTimeMs));
        SpineAnatomyOptionsCheck.Range(o.EchoTimeMs ?? 10, 0.5, 1000, nameof(o.EchoTimeMs));
        SpineAnatomyOptionsCheck.Range(o.NoiseSigma, 0, 500, nameof(o.NoiseSigma));
        SpineAnatomyOptionsCheck.Range(o.BiasFieldStrength, 0, 0.8, nameof(o.BiasFieldStrength));
        SpineAnatomyOptionsCheck.Range(o.BlurFwhmMm, 0, 10, nameof(o.BlurFwhmMm));
        SpineAnatomyOptionsCheck.Range(o.OedemaFraction, 0, 1, nameof(o.OedemaFraction));
        if (o.SliceSpacingMm < o.SliceThicknessMm * 0.5) throw new ArgumentException("Slices overlap by more than half their thickness.", nameof(o));
        var indexOf = SpineAnatomyOptionsCheck.Check(o.ThoracicVertebrae, o.LumbarVertebrae, o.CervicalLordosisDegrees,
            o.ThoracicKyphosisDegrees, o.LumbarLordosisDegrees, o.SizeScale, o.PatientSex, o.FirstLevel, o.LastLevel, o.Fractures, nameof(o));
        foreach (var level in o.OedemaLevels) indexOf(level, "Oedema level");
    }
}
