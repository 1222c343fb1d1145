namespace Imaging.Phantoms.Anatomy;

/// <summary>The phantom's anatomy for an adult of a given height: soft-tissue outline, skeleton with relative uptake,
/// kidneys and bladder, named anchors and named lesion sites, all in body millimetres (see <see cref="BodyPoint"/>).
/// Proportions follow standard anthropometric ratios of stature (chin 0.87, acromion 0.82, elbow 0.63, wrist 0.49,
/// greater trochanter 0.53, knee 0.29, ankle 0.04) for a 1750 mm body, scaled uniformly.</summary>
internal sealed class BodyModel
{
    private const double StandardHeight = 1750;
    private readonly List<Structure> _bones = [];
    private readonly List<SoftTissue> _soft = [];
    private readonly Dictionary<string, (BodyPoint Point, Structure Host)> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, BodyPoint> _anchors = [];
    private readonly List<(string Level, BodyPoint Point)> _spine = [];
    private readonly double _s;

    public IReadOnlyList<Structure> Bones => _bones;
    public double Scale => _s;
    public IReadOnlyList<SoftTissue> SoftTissues => _soft;
    public IReadOnlyDictionary<string, BodyPoint> Anchors => _anchors;
    public IReadOnlyList<(string Level, BodyPoint Point)> SpineLevels => _spine;
    public IReadOnlyCollection<string> SiteNames => _sites.Keys;
    public Structure LeftKidney { get; }
    public Structure RightKidney { get; }
    public Structure Bladder { get; }

    public BodyModel(double heightMm)
    {
        _s = heightMm / StandardHeight;
        BuildSoftTissue();
        BuildSkull();
        BuildSpine();
        BuildThorax();
        BuildShoulders();
        BuildPelvis();
        BuildUpperLimbs();
        BuildLowerLimbs();
        LeftKidney = new Structure("left-kidney", new Ellipse(P(75, 615), 28 * _s, 55 * _s, 0.25), 0.55, 15, 6, null);
        RightKidney = new Structure("right-kidney", new Ellipse(P(-75, 635), 28 * _s, 55 * _s, -0.25), 0.55, 15, 6, null);
        Bladder = new Structure("bladder", new Ellipse(P(0, 852), 48 * _s, 38 * _s), 5.0, 4, 15, null);
        _anchors["head-top"] = P(0, 0);
        _anchors["neck"] = P(0, 255);
        _anchors["right-shoulder"] = P(-190, 330);
        _anchors["left-shoulder"] = P(190, 330);
        _anchors["pelvis"] = P(0, 800);
        _anchors["right-hip"] = P(-90, 835);
        _anchors["left-hip"] = P(90, 835);
        _anchors["right-knee"] = P(-70, 1255);
        _anchors["left-knee"] = P(70, 1255);
        _anchors["right-ankle"] = P(-65, 1672);
        _anchors["left-ankle"] = P(65, 1672);
    }

    private BodyPoint P(double x, double y) => new(x * _s, y * _s);

    private double S(double mm) => mm * _s;

    private Structure Bone(string name, Shape shape, double uptake, double front, double back, SkeletalRegion region, params string[] sites)
    {
        var bone = new Structure(name, shape, uptake, front, back, region);
        _bones.Add(bone);
        var centre = Centre(shape);
        _sites[name] = (centre, bone);
        foreach (var alias in sites) _sites[alias] = (centre, bone);
        return bone;
    }

    private static BodyPoint Centre(Shape shape) => shape switch
    {
        Ellipse e => e.Centre,
        Capsule c => new((c.From.X + c.To.X) / 2, (c.From.Y + c.To.Y) / 2),
        Polyline p => p.Points[p.Points.Count / 2],
        GaussianSpot g => g.Centre,
        _ => new((shape.Bounds.MinX + shape.Bounds.MaxX) / 2, (shape.Bounds.MinY + shape.Bounds.MaxY) / 2),
    };

    private static IEnumerable<(int Sign, string Side)> Sides() => [(-1, "right"), (1, "left")];

    private void BuildSoftTissue()
    {
        _soft.Add(new("head", new Ellipse(P(0, 115), S(78), S(115)), S(180)));
        _soft.Add(new("neck", new Capsule(P(0, 215), P(0, 300), S(55)), S(120)));
        _soft.Add(new("chest", new Slab(S(318), S(560), S(168), S(152)), S(220)));
        _soft.Add(new("abdomen", new Slab(S(560), S(770), S(152), S(166)), S(220)));
        _soft.Add(new("hips", new Slab(S(770), S(880), S(172), S(165)), S(200)));
        foreach (var (sign, side) in Sides())
        {
            _soft.Add(new($"{side}-shoulder", new Capsule(P(sign * 45, 318), P(sign * 180, 334), S(30), S(40)), S(140)));
            _soft.Add(new($"{side}-upper-arm", new Capsule(P(sign * 205, 340), P(sign * 215, 640), S(45), S(38)), S(90)));
            _soft.Add(new($"{side}-forearm", new Capsule(P(sign * 215, 640), P(sign * 235, 890), S(38), S(28)), S(70)));
            _soft.Add(new($"{side}-hand", new Capsule(P(sign * 238, 900), P(sign * 244, 1060), S(30), S(20)), S(40)));
            _soft.Add(new($"{side}-thigh", new Capsule(P(sign * 92, 860), P(sign * 70, 1240), S(88), S(58)), S(150)));
            _soft.Add(new($"{side}-calf", new Capsule(P(sign * 70, 1250), P(sign * 64, 1670), S(55), S(34)), S(110)));
            _soft.Add(new($"{side}-foot", new Ellipse(P(sign * 70, 1712), S(38), S(36)), S(90)));
        }
    }

    private void BuildSkull()
    {
        Bone("skull", new Shell(P(0, 100), S(74), S(100), S(10)), 0.8, 9, 9, SkeletalRegion.Skull, "calvarium");
        Bone("face", new Ellipse(P(0, 165), S(45), S(30)), 0.4, 3, 15, SkeletalRegion.Skull, "maxilla");
        Bone("mandible", new Polyline([P(-55, 172), P(-46, 214), P(0, 230), P(46, 214), P(55, 172)], S(7)), 0.55, 4, 13, SkeletalRegion.Skull);
    }

    private void BuildSpine()
    {
        void Levels(string prefix, int count, double top, double bottom, double widthTop, double widthBottom, double uptake, double front, double back, SkeletalRegion region)
        {
            var pitch = (bottom - top) / count;
            for (var i = 0; i < count; i++)
            {
                var y = top + (i + 0.5) * pitch;
                var width = widthTop + (widthBottom - widthTop) * i / Math.Max(1, count - 1);
                var name = $"{prefix}{i + 1}";
                Bone(name, new Ellipse(P(0, y), S(width / 2), S(pitch * 0.5)), uptake, front, back, region);
                _spine.Add((name, P(0, y)));
            }
        }

        Levels("C", 7, 190, 300, 24, 30, 0.8, 5, 6, SkeletalRegion.CervicalSpine);
        Levels("T", 12, 300, 590, 32, 42, 1.0, 13, 7, SkeletalRegion.ThoracicSpine);
        Levels("L", 5, 590, 770, 46, 52, 1.1, 14, 7, SkeletalRegion.LumbarSpine);
        _sites["cervical-spine"] = _sites["C4"];
        _sites["thoracic-spine"] = _sites["T7"];
        _sites["lumbar-spine"] = _sites["L3"];
        Bone("sacrum", new Capsule(P(0, 790), P(0, 865), S(46), S(14)), 0.9, 15, 5, SkeletalRegion.Sacrum, "S1");
        _spine.Add(("S1", P(0, 790)));
        foreach (var (sign, side) in Sides())
            Bone($"{side}-sacroiliac", new Capsule(P(sign * 36, 778), P(sign * 46, 828), S(10)), 1.05, 15, 5, SkeletalRegion.Sacrum);
    }

    private double VertebraY(string level) => _spine.First(l => l.Level == level).Point.Y / _s;

    private void BuildThorax()
    {
        Bone("manubrium", new Ellipse(P(0, 322), S(26), S(22)), 0.85, 2, 19, SkeletalRegion.Sternum);
        Bone("sternum", new Capsule(P(0, 348), P(0, 470), S(14)), 0.75, 2, 19, SkeletalRegion.Sternum, "sternal-body");
        double[] lateral = [70, 100, 122, 138, 145, 148, 148, 145, 138, 126, 108, 84];
        foreach (var (sign, side) in Sides())
        {
            for (var i = 1; i <= 12; i++)
            {
                var y = VertebraY($"T{i}");
                var xl = lateral[i - 1];
                var name = $"{side}-rib-{i}";
                Bone($"{name}-posterior", new Polyline([P(sign * 18, y), P(sign * xl * 0.55, y - 4), P(sign * xl, y + 24)], S(5.5)), 0.45, 16, 4, SkeletalRegion.Ribs, name);
                if (i > 10) continue;
                var (endX, endY) = i <= 7 ? (28.0, 322 + (i - 1) * 25.0) : (75 + (i - 7) * 22.0, 470 + (i - 7) * 22.0);
                var lateralPoint = P(sign * xl, y + 24);
                var bend = P(sign * (xl * 0.85), (y + 24 + endY) / 2 + 4);
                Bone($"{name}-lateral", new Capsule(P(sign * xl * 0.98, y + 14), lateralPoint, S(5.5)), 0.45, 10, 10, SkeletalRegion.Ribs);
                Bone($"{name}-anterior", new Polyline([lateralPoint, bend, P(sign * endX, endY)], S(5.5)), 0.4, 3, 17, SkeletalRegion.Ribs);
            }
        }
    }

    private void BuildShoulders()
    {
        foreach (var (sign, side) in Sides())
        {
            Bone($"{side}-clavicle", new Capsule(P(sign * 22, 305), P(sign * 172, 312), S(8)), 0.6, 2, 18, SkeletalRegion.Shoulder);
            Bone($"{side}-sternoclavicular", new Ellipse(P(sign * 22, 308), S(11), S(10)), 0.85, 2, 18, SkeletalRegion.Shoulder);
            Bone($"{side}-shoulder", new Ellipse(P(sign * 188, 335), S(22), S(24)), 0.9, 8, 8, SkeletalRegion.Shoulder, $"{side}-humeral-head", $"{side}-glenohumeral");
            Bone($"{side}-acromion", new Ellipse(P(sign * 178, 312), S(14), S(9)), 0.8, 6, 10, SkeletalRegion.Shoulder);
            Bone($"{side}-scapula", new Ellipse(P(sign * 112, 405), S(42), S(72), sign * 0.18), 0.4, 15, 4, SkeletalRegion.Shoulder);
            Bone($"{side}-scapular-spine", new Capsule(P(sign * 62, 362), P(sign * 172, 322), S(6)), 0.55, 16, 3, SkeletalRegion.Shoulder);
            Bone($"{side}-scapula-tip", new Ellipse(P(sign * 98, 470), S(12), S(10)), 0.55, 15, 4, SkeletalRegion.Shoulder);
        }
    }

    private void BuildPelvis()
    {
        Bone("pubis", new Ellipse(P(0, 888), S(14), S(14)), 0.75, 4, 16, SkeletalRegion.Pelvis, "symphysis");
        foreach (var (sign, side) in Sides())
        {
            Bone($"{side}-iliac-wing", new Ellipse(P(sign * 96, 772), S(50), S(56), sign * 0.35), 0.6, 10, 10, SkeletalRegion.Pelvis, $"{side}-ilium");
            Bone($"{side}-iliac-crest", new Polyline([P(sign * 52, 735), P(sign * 100, 716), P(sign * 142, 740)], S(8)), 0.55, 9, 11, SkeletalRegion.Pelvis);
            Bone($"{side}-acetabulum", new Ellipse(P(sign * 90, 835), S(23), S(23)), 0.9, 10, 10, SkeletalRegion.Pelvis, $"{side}-hip");
            Bone($"{side}-pubic-ramus", new Capsule(P(sign * 14, 886), P(sign * 72, 866), S(9)), 0.6, 5, 15, SkeletalRegion.Pelvis);
            Bone($"{side}-ischium", new Capsule(P(sign * 62, 862), P(sign * 56, 905), S(12)), 0.6, 12, 8, SkeletalRegion.Pelvis);
        }
    }

    private void BuildUpperLimbs()
    {
        foreach (var (sign, side) in Sides())
        {
            Bone($"{side}-humerus", new Capsule(P(sign * 194, 355), P(sign * 212, 628), S(9)), 0.38, 5, 5, SkeletalRegion.UpperLimbs);
            Bone($"{side}-elbow", new Ellipse(P(sign * 214, 643), S(19), S(14)), 0.6, 5, 5, SkeletalRegion.UpperLimbs);
            Bone($"{side}-radius", new Capsule(P(sign * 206, 658), P(sign * 225, 884), S(6)), 0.35, 4, 4, SkeletalRegion.UpperLimbs, $"{side}-forearm");
            Bone($"{side}-ulna", new Capsule(P(sign * 222, 656), P(sign * 241, 884), S(5)), 0.3, 4, 4, SkeletalRegion.UpperLimbs);
            Bone($"{side}-wrist", new Ellipse(P(sign * 236, 904), S(18), S(13)), 0.6, 3, 3, SkeletalRegion.UpperLimbs);
            Bone($"{side}-hand", new Capsule(P(sign * 238, 918), P(sign * 243, 990), S(15), S(12)), 0.3, 2, 2, SkeletalRegion.UpperLimbs);
        }
    }

    private void BuildLowerLimbs()
    {
        foreach (var (sign, side) in Sides())
        {
            Bone($"{side}-femoral-neck", new Capsule(P(sign * 92, 836), P(sign * 126, 862), S(14)), 0.7, 8, 8, SkeletalRegion.LowerLimbs, $"{side}-femoral-head");
            Bone($"{side}-trochanter", new Ellipse(P(sign * 136, 866), S(17), S(17)), 0.7, 8, 8, SkeletalRegion.LowerLimbs);
            Bone($"{side}-femur", new Capsule(P(sign * 122, 885), P(sign * 74, 1215), S(13)), 0.4, 7, 7, SkeletalRegion.LowerLimbs, $"{side}-femoral-shaft");
            Bone($"{side}-distal-femur", new Ellipse(P(sign * 70, 1238), S(31), S(21)), 0.85, 6, 6, SkeletalRegion.LowerLimbs, $"{side}-knee");
            Bone($"{side}-patella", new Ellipse(P(sign * 70, 1232), S(14), S(15)), 0.6, 1, 10, SkeletalRegion.LowerLimbs);
            Bone($"{side}-proximal-tibia", new Ellipse(P(sign * 68, 1274), S(29), S(18)), 0.8, 5, 6, SkeletalRegion.LowerLimbs);
            Bone($"{side}-tibia", new Capsule(P(sign * 66, 1292), P(sign * 62, 1650), S(11)), 0.35, 2, 8, SkeletalRegion.LowerLimbs, $"{side}-tibial-shaft");
            Bone($"{side}-fibula", new Capsule(P(sign * 94, 1292), P(sign * 84, 1650), S(5)), 0.25, 5, 5, SkeletalRegion.LowerLimbs);
            Bone($"{side}-ankle", new Ellipse(P(sign * 65, 1672), S(27), S(16)), 0.75, 5, 5, SkeletalRegion.LowerLimbs);
            Bone($"{side}-foot", new Ellipse(P(sign * 70, 1712), S(30), S(27)), 0.55, 4, 4, SkeletalRegion.LowerLimbs, $"{side}-tarsus");
        }
    }

    /// <summary>A named lesion site (a vertebral level "T7", a bone "left-femur", "right-rib-6-posterior", ...).</summary>
    public bool TryGetSite(string name, out BodyPoint point, out Structure host)
    {
        if (_sites.TryGetValue(name, out var site))
        {
            (point, host) = site;
            return true;
        }
        (point, host) = (default, null!);
        return false;
    }

    /// <summary>The bone a point lies in or nearest to, the one with the highest profile when several overlap.</summary>
    public Structure HostAt(BodyPoint point)
    {
        Structure? best = null;
        var bestScore = double.MaxValue;
        foreach (var bone in _bones)
        {
            var distance = bone.Shape.Distance(point.X, point.Y);
            var score = distance > 0 ? distance : -bone.Shape.Profile(point.X, point.Y) * bone.Uptake;
            if (score < bestScore) (best, bestScore) = (bone, score);
        }
        return best!;
    }
}
