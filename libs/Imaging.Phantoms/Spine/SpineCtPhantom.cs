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
        static void Range(double value, double min, double max, string name)
        {
            if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        Range(o.Rows, 32, 1024, nameof(o.Rows));
        Range(o.Columns, 32, 1024, nameof(o.Columns));
        Range(o.PixelSpacingMm, 0.2, 3, nameof(o.PixelSpacingMm));
        Range(o.SliceThicknessMm, 0.5, 10, nameof(o.SliceThicknessMm));
        Range(o.SliceSpacingMm, 0.3, 10, nameof(o.SliceSpacingMm));
        Range(o.GantryTiltDegrees, -30, 30, nameof(o.GantryTiltDegrees));
        Range(o.BlurFwhmMm, 0, 10, nameof(o.BlurFwhmMm));
        Range(o.NoiseSigmaHu, 0, 500, nameof(o.NoiseSigmaHu));
        Range(o.ThoracicVertebrae, 12, 13, nameof(o.ThoracicVertebrae));
        Range(o.LumbarVertebrae, 5, 6, nameof(o.LumbarVertebrae));
        Range(o.CervicalLordosisDegrees, -30, 60, nameof(o.CervicalLordosisDegrees));
        Range(o.ThoracicKyphosisDegrees, 0, 90, nameof(o.ThoracicKyphosisDegrees));
        Range(o.LumbarLordosisDegrees, 0, 90, nameof(o.LumbarLordosisDegrees));
        Range(o.SizeScale, 0.7, 1.3, nameof(o.SizeScale));
        Range(o.CorticalBoneHu, -1000, 3000, nameof(o.CorticalBoneHu));
        Range(o.TrabecularBoneHu, -1000, 3000, nameof(o.TrabecularBoneHu));
        Range(o.DiscHu, -1000, 3000, nameof(o.DiscHu));
        Range(o.CementHu, -1000, 3000, nameof(o.CementHu));
        if (o.PatientSex is not ("M" or "F" or "O")) throw new ArgumentException("PatientSex must be M, F or O.", nameof(o));

        var names = SpineModel.LevelNames(o.ThoracicVertebrae, o.LumbarVertebrae).Where(n => n[0] != 'S' || n == "S1").ToList();
        int IndexOf(string level, string what)
        {
            var i = names.IndexOf(level);
            if (i < 0) throw new ArgumentException($"{what} '{level}' is not a level of this spine ({names[0]}–{names[^1]}).", nameof(o));
            return i;
        }

        if (IndexOf(o.FirstLevel, nameof(o.FirstLevel)) > IndexOf(o.LastLevel, nameof(o.LastLevel)))
            throw new ArgumentException($"FirstLevel {o.FirstLevel} lies below LastLevel {o.LastLevel}.", nameof(o));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in o.Fractures)
        {
            IndexOf(f.Level, "Fracture level");
            if (f.Level == "S1") throw new ArgumentException("S1 is fused to the sacrum; fractures are modelled on C3–L6.", nameof(o));
            if (!seen.Add(f.Level)) throw new ArgumentException($"Two fractures at {f.Level}.", nameof(o));
            Range(f.HeightLossPercent, 0, 80, "HeightLossPercent");
            if (f.Type == VertebralFractureType.None && f.HeightLossPercent != 0) throw new ArgumentException("A fracture of type None has no height loss.", nameof(o));
        }
        foreach (var level in o.CementLevels) IndexOf(level, "Cement level");
        seen.Clear();
        foreach (var lesion in o.Lesions)
        {
            IndexOf(lesion.Level, "Lesion level");
            if (!seen.Add(lesion.Level)) throw new ArgumentException($"Two lesions at {lesion.Level}.", nameof(o));
            Range(lesion.RadiusMm, 1, 20, "RadiusMm");
        }
        // Hostile or careless options must not make a 10 GB series.
        var voxels = (double)o.Rows * o.Columns * (900 / o.SliceSpacingMm);
        if (voxels > 600e6) throw new ArgumentException($"The series would hold about {voxels:0} voxels; use fewer rows/columns or a larger spacing.", nameof(o));
    }
}
