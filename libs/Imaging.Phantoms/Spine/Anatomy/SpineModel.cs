using System.Globalization;
using Imaging.Phantoms.Rendering;
using Imaging.Phantoms.Spine.Rendering;

namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>The placed anatomy of one phantom: vertebrae stacked along a sagittal curve (constant curvature per region,
/// set by the Cobb angles), discs between them, posterior elements, ribs, sacrum, iliac wings, lungs and the body outline,
/// as shapes in painting order; and the table range the field of view covers.</summary>
internal sealed class SpineModel
{
    /// <summary>Where the centre of S1's superior end plate lies (patient mm).</summary>
    private static readonly V3 SacralPromontory = new(0, 30, -250);

    private const double CurveStepMm = 0.25;
    private const double SacralTurnRadians = 0.21;

    public required IReadOnlyList<Vertebra> Vertebrae { get; init; }
    public required IReadOnlyList<ICtShape> Shapes { get; init; }

    /// <summary>Table positions (z, mm) of the most cranial and most caudal slice to cover the requested levels.</summary>
    public required double TopZ { get; init; }
    public required double BottomZ { get; init; }

    /// <summary>The y (mm) the reconstruction is centred on: between the front of the bodies and the spinous processes.</summary>
    public required double CentreY { get; init; }

    /// <summary>Mobile and sacral level names, cranial to caudal, for these variant counts.</summary>
    public static IReadOnlyList<string> LevelNames(int thoracic, int lumbar)
    {
        var names = new List<string>();
        for (var i = 3; i <= 7; i++) names.Add("C" + i.ToString(CultureInfo.InvariantCulture));
        for (var i = 1; i <= thoracic; i++) names.Add("T" + i.ToString(CultureInfo.InvariantCulture));
        for (var i = 1; i <= lumbar; i++) names.Add("L" + i.ToString(CultureInfo.InvariantCulture));
        for (var i = 1; i <= 5; i++) names.Add("S" + i.ToString(CultureInfo.InvariantCulture));
        return names;
    }

    public static SpineModel Build(SpineCtPhantomOptions o)
    {
        var tissue = TissueHu.From(o);
        var names = LevelNames(o.ThoracicVertebrae, o.LumbarVertebrae);
        var mobile = names.Where(n => n[0] != 'S').ToList();
        var fractures = o.Fractures.ToDictionary(f => f.Level, StringComparer.Ordinal);

        // Sizes and stack heights, cranial to caudal.
        var sizes = new Dictionary<string, VertebraSize>(StringComparer.Ordinal);
        foreach (var name in mobile)
        {
            var (region, index, count) = Classify(name, o);
            var fraction = count > 1 ? (double)(index - 1) / (count - 1) : 0;
            if (region == SpineRegion.Cervical) fraction = (index - 3) / 4.0;
            sizes[name] = VertebraSize.For(region, fraction).Scaled(o.SizeScale);
        }
        for (var k = 1; k <= 5; k++) sizes["S" + k.ToString(CultureInfo.InvariantCulture)] = VertebraSize.Sacral(k).Scaled(o.SizeScale);

        double StackHeight(string name) => fractures.TryGetValue(name, out var f) && f.Type == VertebralFractureType.Crush
            ? sizes[name].Height * (1 - f.HeightLossPercent / 100) : sizes[name].Height;

        // Arc length along the curve (0 at S1's superior plate), bottom and top of each mobile body.
        var spans = new Dictionary<string, (double Bottom, double Top)>(StringComparer.Ordinal);
        var s = 0.0;
        for (var i = mobile.Count - 1; i >= 0; i--)
        {
            var start = s + sizes[mobile[i]].DiscBelow;
            spans[mobile[i]] = (start, start + StackHeight(mobile[i]));
            s = start + StackHeight(mobile[i]);
        }
        const string firstLumbar = "L1";
        var lastThoracic = "T" + o.ThoracicVertebrae.ToString(CultureInfo.InvariantCulture);
        var lumbarEnd = spans[firstLumbar].Top + sizes[lastThoracic].DiscBelow / 2;
        var thoracicEnd = spans["T1"].Top + sizes["C7"].DiscBelow / 2;
        var curveEnd = s + 20;

        var deg = Math.PI / 180;
        var theta0 = -(o.LumbarLordosisDegrees / 2 + 5) * deg;
        var kL = o.LumbarLordosisDegrees * deg / lumbarEnd;
        var kT = -o.ThoracicKyphosisDegrees * deg / (thoracicEnd - lumbarEnd);
        var kC = o.CervicalLordosisDegrees * deg / Math.Max(1, spans["C3"].Top - thoracicEnd);
        double Theta(double arc) => theta0 + kL * Math.Min(arc, lumbarEnd) + kT * Math.Clamp(arc - lumbarEnd, 0, thoracicEnd - lumbarEnd)
            + kC * Math.Max(0, arc - thoracicEnd);

        var steps = (int)Math.Ceiling(curveEnd / CurveStepMm) + 1;
        var ys = new double[steps];
        var zs = new double[steps];
        ys[0] = SacralPromontory.Y;
        zs[0] = SacralPromontory.Z;
        for (var i = 1; i < steps; i++)
        {
            var (sin, cos) = Math.SinCos(Theta((i - 0.5) * CurveStepMm));
            ys[i] = ys[i - 1] + sin * CurveStepMm;
            zs[i] = zs[i - 1] + cos * CurveStepMm;
        }
        V3 Point(double arc)
        {
            var f = Math.Clamp(arc / CurveStepMm, 0, steps - 1.000001);
            var i = (int)f;
            var t = f - i;
            return new V3(0, ys[i] + (ys[i + 1] - ys[i]) * t, zs[i] + (zs[i + 1] - zs[i]) * t);
        }

        var random = new PhantomRandom(o.Seed, stream: 0x5EC7);
        var vertebrae = new List<Vertebra>();
        foreach (var name in mobile)
        {
            var (region, index, count) = Classify(name, o);
            var span = spans[name];
            var mid = (span.Bottom + span.Top) / 2;
            vertebrae.Add(Place(name, region, sizes[name], LocalFrame.Sagittal(Point(mid), Theta(mid)), StackHeight(name),
                region == SpineRegion.Thoracic, false, false, fractures, o, tissue, random));
        }
        // Sacrum: S1 below the promontory, then S2–S5 turning forwards (the sacral kyphosis), all fused.
        var previous = SacralPromontory;
        for (var k = 1; k <= 5; k++)
        {
            var name = "S" + k.ToString(CultureInfo.InvariantCulture);
            var theta = theta0 + (k - 1) * SacralTurnRadians;
            var frame = LocalFrame.Sagittal(previous, theta);
            var origin = previous - frame.Axis * (sizes[name].Height / 2);
            var v = Place(name, SpineRegion.Sacral, sizes[name], LocalFrame.Sagittal(origin, theta), sizes[name].Height, false, k > 1, true,
                fractures, o, tissue, random);
            vertebrae.Add(v);
            previous = v.BottomCentre;
        }

        var shapes = new List<ICtShape>();
        shapes.Add(Outline(vertebrae));
        shapes.AddRange(Lungs(vertebrae));
        for (var i = 0; i + 1 < vertebrae.Count; i++)
            if (vertebrae[i + 1].Region != SpineRegion.Sacral || vertebrae[i + 1].Name == "S1")
                shapes.Add(new DiscShape(vertebrae[i + 1], vertebrae[i], tissue.Disc));
        foreach (var v in vertebrae) shapes.Add(new VertebralBodyShape(v, tissue));
        shapes.AddRange(Pelvis(vertebrae.First(v => v.Name == "S1"), tissue));
        foreach (var v in vertebrae) shapes.Add(new PosteriorElementsShape(v, tissue));
        var thoracic = vertebrae.Where(v => v.HasRib).ToList();
        for (var k = 0; k < thoracic.Count; k++) shapes.AddRange(Ribs(thoracic[k], k, thoracic.Count, tissue));
        for (var i = 0; i < vertebrae.Count; i++)
        {
            var v = vertebrae[i];
            var above = i > 0 ? Math.Max(1.5, (vertebrae[i - 1].BottomCentre - v.TopCentre).Length) : 5;
            var below = i + 1 < vertebrae.Count ? Math.Max(1.5, (v.BottomCentre - vertebrae[i + 1].TopCentre).Length) : 5;
            shapes.Add(new CanalShape(v, v.StackHeight / 2 + below / 2 + 1.5, v.StackHeight / 2 + above / 2 + 1.5));
        }

        var first = vertebrae.First(v => v.Name == o.FirstLevel);
        var last = vertebrae.First(v => v.Name == o.LastLevel);
        var firstIndex = vertebrae.IndexOf(first);
        var lastIndex = vertebrae.IndexOf(last);
        var discAbove = firstIndex > 0 ? vertebrae[firstIndex - 1].Size.DiscBelow : 5;
        var top = RimZ(first, superior: true, max: true) + Math.Max(discAbove / 2, 2);
        var bottom = RimZ(last, superior: false, max: false) - Math.Max(last.Size.DiscBelow / 2, 2);
        var inView = vertebrae.Skip(firstIndex).Take(lastIndex - firstIndex + 1).ToList();
        var centreY = inView.Average(v => v.Frame.Origin.Y) + inView.Average(v => v.HalfDepth + v.Size.CanalDepth) * 0.6;
        return new SpineModel { Vertebrae = vertebrae, Shapes = shapes, TopZ = top, BottomZ = bottom, CentreY = centreY };
    }

    private static double RimZ(Vertebra v, bool superior, bool max)
    {
        var sign = superior ? 1 : -1;
        var zs = new[] { -1.0, 1.0 }.Select(a => v.Frame.ToPatient(0, a * v.HalfDepth, sign * v.StackHeight / 2).Z);
        return max ? zs.Max() : zs.Min();
    }

    private static (SpineRegion Region, int Index, int Count) Classify(string name, SpineCtPhantomOptions o)
    {
        var index = int.Parse(name.AsSpan(1), CultureInfo.InvariantCulture);
        return name[0] switch
        {
            'C' => (SpineRegion.Cervical, index, 5),
            'T' => (SpineRegion.Thoracic, index, o.ThoracicVertebrae),
            'L' => (SpineRegion.Lumbar, index, o.LumbarVertebrae),
            _ => (SpineRegion.Sacral, index, 5),
        };
    }

    private static Vertebra Place(string name, SpineRegion region, VertebraSize size, LocalFrame frame, double stackHeight, bool rib,
        bool fusedAbove, bool fusedBelow, Dictionary<string, SpineFracture> fractures, SpineCtPhantomOptions o, TissueHu tissue, PhantomRandom random)
    {
        var fracture = fractures.TryGetValue(name, out var f) ? f : null;
        var v = new Vertebra
        {
            Name = name,
            Region = region,
            Size = size,
            Frame = frame,
            IntactHeight = size.Height,
            StackHeight = stackHeight,
            Fracture = fracture?.Type ?? VertebralFractureType.None,
            Loss = fracture is null || fracture.Type == VertebralFractureType.Crush ? 0 : fracture.HeightLossPercent / 100,
            HasRib = rib,
            FusedAbove = fusedAbove,
            FusedBelow = fusedBelow && name != "S5",
        };
        // A crush keeps its profile flat: its loss lives in the stack height.
        var cement = o.CementLevels.Contains(name, StringComparer.Ordinal) ? Cement(v, random) : [];
        var lesionSpec = o.Lesions.FirstOrDefault(l => string.Equals(l.Level, name, StringComparison.Ordinal));
        (V3, double, float, SpineLesionKind)? lesion = lesionSpec is null ? null
            : (new V3(lesionSpec.OffsetMm.Lateral, lesionSpec.OffsetMm.Anterior, lesionSpec.OffsetMm.Cranial), lesionSpec.RadiusMm,
                (float)(lesionSpec.Hu ?? (lesionSpec.Kind == SpineLesionKind.Lytic ? 30 : 900)), lesionSpec.Kind);
        return v with { Cement = cement, Lesion = lesion };
    }

    /// <summary>A few overlapping spheres in the anterior two thirds of the body, like cement injected through both pedicles.</summary>
    private static List<(V3, double)> Cement(Vertebra v, PhantomRandom random)
    {
        var blobs = new List<(V3, double)>();
        var halfHeight = v.HalfHeight(0, 0);
        var count = 3 + (int)(random.NextDouble() * 3);
        for (var i = 0; i < count; i++)
        {
            var lateral = (random.NextDouble() - 0.5) * 0.6 * v.HalfWidth;
            var anterior = (random.NextDouble() * 0.5 - 0.1) * v.HalfDepth;
            var axial = (random.NextDouble() - 0.5) * 0.6 * halfHeight;
            var radius = Math.Min(0.35 * Math.Min(v.HalfWidth, v.HalfDepth), 0.7 * halfHeight) * (0.7 + 0.3 * random.NextDouble());
            blobs.Add((new V3(lateral, anterior, axial), radius));
        }
        return blobs;
    }

    private static BodyOutlineShape Outline(IReadOnlyList<Vertebra> vertebrae)
    {
        var stations = new List<(double, double, double, double, double)>();
        foreach (var v in vertebrae)
        {
            var (halfWidth, halfDepth, back) = v.Region switch
            {
                SpineRegion.Cervical => (65.0, 60.0, 55.0),
                SpineRegion.Thoracic => (160.0, 110.0, 92.0),
                SpineRegion.Lumbar => (150.0, 118.0, 100.0),
                _ => (172.0, 120.0, 95.0),
            };
            if (v.Name == "T1") (halfWidth, halfDepth) = (175, 95);
            if (v.Name == "T2") (halfWidth, halfDepth) = (168, 102);
            stations.Add((v.Frame.Origin.Z, v.Frame.Origin.Y, halfWidth, halfDepth, back));
        }
        return new BodyOutlineShape(stations, vertebrae.Min(v => v.Frame.Origin.Z) - 200, vertebrae.Max(v => v.Frame.Origin.Z) + 200);
    }

    private static IEnumerable<ICtShape> Lungs(IReadOnlyList<Vertebra> vertebrae)
    {
        var thoracic = vertebrae.Where(v => v.Region == SpineRegion.Thoracic).ToList();
        if (thoracic.Count < 3) yield break;
        var top = thoracic[0].TopCentre.Z + 15;
        var bottom = thoracic[^2].BottomCentre.Z;
        var middle = thoracic[thoracic.Count / 2];
        var centre = new V3(0, middle.Frame.Origin.Y - 38, (top + bottom) / 2);
        var semi = new V3(42, 62, (top - bottom) / 2);
        yield return new EllipsoidShape(centre with { X = -80 }, semi, TissueHu.Lung);
        yield return new EllipsoidShape(centre with { X = 80 }, semi, TissueHu.Lung);
    }

    /// <summary>Sacral alae reaching out to the iliac wings, fused to them (the anchor for counting levels from the sacrum).</summary>
    private static IEnumerable<ICtShape> Pelvis(Vertebra s1, TissueHu tissue)
    {
        const double joint = 56;
        foreach (var side in new[] { -1.0, 1.0 })
        {
            var alaHalfLateral = (joint + 3 - s1.HalfWidth + 4) / 2;
            var alaCentre = s1.Frame.ToPatient(side * (s1.HalfWidth - 4 + alaHalfLateral), -0.15 * s1.Size.Depth, -0.15 * s1.StackHeight);
            yield return new BoxShape(s1.Frame with { Origin = alaCentre }, new V3(alaHalfLateral, 0.35 * s1.Size.Depth, 0.5 * s1.StackHeight + 4),
                tissue.Cortical, tissue.Trabecular);

            var joinPoint = s1.Frame.ToPatient(side * joint, -0.2 * s1.Size.Depth, -0.2 * s1.StackHeight);
            var (sin, cos) = Math.SinCos(35 * Math.PI / 180);
            var along = new V3(side * cos, -sin, 0);
            var up = new V3(0, 0, 1);
            var across = along.Cross(up).Normalized();
            var centre = joinPoint + along * 45 + up * 10;
            yield return new BoxShape(new LocalFrame(centre, along, across, up), new V3(47, 6, 55), tissue.Cortical, tissue.Trabecular, 2);
        }
    }

    // Per rib from the 1st to the 12th: half width and half depth of the cage (mm), where the rib ends (radians from the
    // back, π at the sternum), how far it descends towards its front end (mm), and its radius (mm).
    private static readonly double[] CageHalfWidth = [55, 80, 100, 115, 125, 130, 133, 133, 130, 125, 118, 105];
    private static readonly double[] CageHalfDepth = [45, 65, 80, 90, 95, 100, 102, 102, 100, 97, 92, 85];
    private static readonly double[] RibEnd = [2.5, 2.6, 2.6, 2.6, 2.6, 2.6, 2.5, 2.4, 2.3, 2.2, 1.7, 1.3];
    private static readonly double[] RibDrop = [15, 30, 40, 50, 55, 60, 65, 65, 60, 55, 40, 25];
    private static readonly double[] RibRadius = [4.5, 4.5, 4.5, 5, 5, 5, 5, 5, 5, 5, 4.5, 4];

    /// <summary>Both ribs of a thoracic vertebra as chains of capsules: head at the body's back corner, tubercle at the tip
    /// of the transverse process, then round the cage, descending towards the front.</summary>
    private static IEnumerable<ICtShape> Ribs(Vertebra v, int index, int count, TissueHu tissue)
    {
        // A 13th rib-bearing vertebra takes the place of the 12th in the table; the others share the first eleven rows.
        var row = count <= 12 ? index : Math.Max(0, index - (count - 12));
        row = Math.Min(row, 11);
        if (count > 12 && index == count - 2) row = 10;
        double ax = CageHalfWidth[row], by = CageHalfDepth[row], end = RibEnd[row], drop = RibDrop[row], radius = RibRadius[row];
        var marrow = (tissue.Trabecular + TissueHu.Soft) / 2;
        foreach (var side in new[] { -1.0, 1.0 })
        {
            var head = v.Frame.ToPatient(side * v.HalfWidth * 0.8, -v.HalfDepth * 0.7, 0.3 * v.StackHeight);
            var tubercle = v.Frame.ToPatient(side * (v.Size.CanalWidth / 2 + v.Size.ArchThickness + v.Size.TransverseLength - 3), v.CanalOffset - 3,
                0.15 * v.StackHeight);
            var start = Math.Asin(Math.Clamp((Math.Abs(tubercle.X) + 15) / ax, 0.1, 0.9));
            var centreY = tubercle.Y + 8 - by * Math.Cos(start);
            var points = new List<V3> { head, tubercle };
            const int pieces = 14;
            for (var k = 0; k <= pieces; k++)
            {
                var phi = start + (end - start) * k / pieces;
                var descent = drop * Math.Pow((double)k / pieces, 1.2);
                points.Add(new V3(side * ax * Math.Sin(phi), centreY + by * Math.Cos(phi), tubercle.Z - 3 - descent));
            }
            for (var k = 0; k + 1 < points.Count; k++)
                yield return new CapsuleShape(points[k], points[k + 1], k == 0 ? radius * 0.8 : radius, tissue.Cortical * 0.85f, marrow);
        }
    }
}
