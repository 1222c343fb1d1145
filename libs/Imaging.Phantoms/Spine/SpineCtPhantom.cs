using System.Globalization;
using System.Runtime.CompilerServices;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Rendering;
using Imaging.Phantoms.Spine.Anatomy;
using Imaging.Phantoms.Spine.Dicom;
using Imaging.Phantoms.Spine.Rendering;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Spine;

/// <summary>Generates synthetic CT spine series (axial slices in HU) with ground truth: vertebral bodies with cortex and
/// trabecular bone, discs, canal, posterior elements, ribs, sacrum and iliac wings, lungs and the body outline; spinal
/// curvature; fractures, cement and lesions at chosen levels; slice-profile averaging, blur and noise.</summary>
public static class SpineCtPhantom
{
    /// <summary>Every level name the options may use for a normal spine (C3–L5, S1); T13 and L6 exist in the variants.</summary>
    public static IReadOnlyList<string> LevelNames { get; } = SpineModel.LevelNames(12, 5).Where(n => n[0] != 'S' || n == "S1").ToArray();

    public static SpineCtStudy Generate(SpineCtPhantomOptions? options = null)
    {
        options ??= new SpineCtPhantomOptions();
        Validate(options);
        var model = SpineModel.Build(options);
        var salt = options.UidSalt ?? $"spine-ct-seed:{options.Seed.ToString(CultureInfo.InvariantCulture)}";
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

        var planned = (int)Math.Floor((model.TopZ - model.BottomZ) / options.SliceSpacingMm) + 1;
        foreach (var index in options.DroppedSlices.Concat(options.DuplicatedSlices))
            if (index < 0 || index >= planned)
                throw new ArgumentOutOfRangeException(nameof(options), index, $"Slice index {index} is outside 0..{planned - 1}.");

        var dropped = options.DroppedSlices.ToHashSet();
        var slices = new short[planned][];
        var geometries = new SliceGeometry[planned];
        var tilt = options.GantryTiltDegrees * Math.PI / 180;
        var (sinTilt, cosTilt) = Math.SinCos(tilt);
        var row = new V3(1, 0, 0);
        var column = new V3(0, cosTilt, -sinTilt);
        for (var k = 0; k < planned; k++)
        {
            var z = model.TopZ - k * options.SliceSpacingMm;
            var centre = new V3(0, model.CentreY, z);
            var origin = centre - row * ((options.Columns - 1) / 2.0 * options.PixelSpacingMm) - column * ((options.Rows - 1) / 2.0 * options.PixelSpacingMm);
            geometries[k] = new SliceGeometry(origin, row, column, options.PixelSpacingMm, options.Rows, options.Columns);
        }

        var sigma = options.BlurFwhmMm / (2 * Math.Sqrt(2 * Math.Log(2))) / options.PixelSpacingMm;
        Parallel.For(0, planned, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new float[options.Rows * options.Columns], (k, _, hu) =>
        {
            if (dropped.Contains(k)) return hu;
            SlicePainter.Paint(model.Shapes, geometries[k], options.SliceThicknessMm, hu);
            EdgeClampedBlur.Apply(hu, options.Columns, options.Rows, sigma);
            slices[k] = Store(hu, options.NoiseSigmaHu, new PhantomRandom(options.Seed, stream: (ulong)k + 1));
            return hu;
        }, _ => { });

        var instances = new List<DicomFile>();
        var duplicated = options.DuplicatedSlices.ToHashSet();
        var number = 0;
        for (var k = 0; k < planned; k++)
        {
            if (dropped.Contains(k)) continue;
            var kText = k.ToString(CultureInfo.InvariantCulture);
            var location = model.TopZ - k * options.SliceSpacingMm;
            instances.Add(CtInstanceBuilder.Build(options, identity, geometries[k], location, slices[k], PhantomUids.Derive(salt, "slice-" + kText), ++number));
            if (duplicated.Contains(k))
                instances.Add(CtInstanceBuilder.Build(options, identity, geometries[k], location, slices[k], PhantomUids.Derive(salt, "slice-copy-" + kText), ++number));
        }

        var truth = SpineTruthBuilder.Build(options, model, identity, planned, instances.Count);
        return new SpineCtStudy(options, instances, truth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static short[] Store(float[] hu, double noiseSigma, PhantomRandom random)
    {
        var stored = new short[hu.Length];
        for (var i = 0; i < hu.Length; i += 2)
        {
            double n0 = 0, n1 = 0;
            if (noiseSigma > 0)
            {
                // Box–Muller: two independent normal deviates per pair of pixels.
                var radius = Math.Sqrt(-2 * Math.Log(random.NextOpenDouble())) * noiseSigma;
                var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
                n0 = radius * cos;
                n1 = radius * sin;
            }
            stored[i] = ToStored(hu[i] + n0);
            if (i + 1 < hu.Length) stored[i + 1] = ToStored(hu[i + 1] + n1);
        }
        return stored;
    }

    private static short ToStored(double hu) => (short)Math.Clamp(Math.Round(hu - CtInstanceBuilder.RescaleIntercept), short.MinValue, short.MaxValue);

    private static void Validate(SpineCtPhantomOptions o)
    {
        SpineAnatomyOptionsCheck.Range(o.Rows, 32, 1024, nameof(o.Rows));
        SpineAnatomyOptionsCheck.Range(o.Columns, 32, 1024, nameof(o.Columns));
        SpineAnatomyOptionsCheck.Range(o.PixelSpacingMm, 0.2, 3, nameof(o.PixelSpacingMm));
        SpineAnatomyOptionsCheck.Range(o.SliceThicknessMm, 0.5, 10, nameof(o.SliceThicknessMm));
        SpineAnatomyOptionsCheck.Range(o.SliceSpacingMm, 0.3, 10, nameof(o.SliceSpacingMm));
        SpineAnatomyOptionsCheck.Range(o.GantryTiltDegrees, -30, 30, nameof(o.GantryTiltDegrees));
        SpineAnatomyOptionsCheck.Range(o.BlurFwhmMm, 0, 10, nameof(o.BlurFwhmMm));
        SpineAnatomyOptionsCheck.Range(o.NoiseSigmaHu, 0, 500, nameof(o.NoiseSigmaHu));
        SpineAnatomyOptionsCheck.Range(o.CorticalBoneHu, -1000, 3000, nameof(o.CorticalBoneHu));
        SpineAnatomyOptionsCheck.Range(o.TrabecularBoneHu, -1000, 3000, nameof(o.TrabecularBoneHu));
        SpineAnatomyOptionsCheck.Range(o.DiscHu, -1000, 3000, nameof(o.DiscHu));
        SpineAnatomyOptionsCheck.Range(o.CementHu, -1000, 3000, nameof(o.CementHu));
        var indexOf = SpineAnatomyOptionsCheck.Check(o.ThoracicVertebrae, o.LumbarVertebrae, o.CervicalLordosisDegrees,
            o.ThoracicKyphosisDegrees, o.LumbarLordosisDegrees, o.SizeScale, o.PatientSex, o.FirstLevel, o.LastLevel, o.Fractures, nameof(o));
        foreach (var level in o.CementLevels) indexOf(level, "Cement level");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lesion in o.Lesions)
        {
            indexOf(lesion.Level, "Lesion level");
            if (!seen.Add(lesion.Level)) throw new ArgumentException($"Two lesions at {lesion.Level}.", nameof(o));
            SpineAnatomyOptionsCheck.Range(lesion.RadiusMm, 1, 20, "RadiusMm");
        }
        // Hostile or careless options must not make a 10 GB series.
        var voxels = (double)o.Rows * o.Columns * (900 / o.SliceSpacingMm);
        if (voxels > 600e6) throw new ArgumentException($"The series would hold about {voxels:0} voxels; use fewer rows/columns or a larger spacing.", nameof(o));
    }
}
