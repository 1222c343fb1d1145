using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>A small, seeded whole-body bone scan model for the step tests: body outline, a stick-and-ellipse skeleton
/// with per-view weights, kidneys, bladder, an injection site and lesions, blurred to camera resolution and sampled
/// with Poisson noise. Coordinates are anterior-frame pixels of a 256 × 1024 matrix at 2.26 mm.</summary>
/// <remarks>Deliberately simple (the realistic phantom lives in Imaging.Phantoms); the ground truth anchors below are
/// where the model puts them.</remarks>
public sealed class SyntheticBoneScan
{
    public const int Width = 256;
    public const int Height = 1024;
    public const double SpacingMm = 2.26;
    public const int Centre = 128;

    /// <summary>Ground truth rows of the model's anchors.</summary>
    public const int HeadTop = 51, Neck = 150, Shoulders = 170, IliacCrests = 434, Knees = 745, Feet = 990;

    public int Seed { get; init; } = 1;
    public double CountsPerView { get; init; } = 1_500_000;
    public bool Kidneys { get; init; } = true;
    public bool Bladder { get; init; } = true;
    public bool InjectionSite { get; init; } = true;

    /// <summary>Hot spots at both knees of equal intensity (degenerative pattern).</summary>
    public bool SymmetricKnees { get; init; }

    public List<SyntheticLesion> Lesions { get; init; } = [];

    /// <summary>Renders the anterior view and the posterior view as the camera stores it (not mirrored).</summary>
    public (float[] Anterior, float[] PosteriorStored) Render()
    {
        var anterior = Activity(BoneScanView.Anterior);
        var posterior = Activity(BoneScanView.Posterior);
        var random = new Random(Seed);
        var a = Sample(Blur(anterior), random);
        var p = Sample(Blur(posterior), random);
        return (a, Mirror(p));
    }

    /// <summary>The rendered views as a study (posterior mirrored into the anterior frame, as the loader does).</summary>
    public BoneScanStudy Study(bool withPosterior = true)
    {
        var (a, p) = Render();
        return new BoneScanStudy
        {
            Anterior = new ScanImage(Width, Height, a),
            Posterior = withPosterior ? new ScanImage(Width, Height, Mirror(p)) : null,
            PixelSpacingMm = SpacingMm,
            CountsAnterior = (long)a.Sum(v => (double)v),
            CountsPosterior = withPosterior ? (long)p.Sum(v => (double)v) : null,
            Tracer = TracerStatus.Analysed,
            TracerDescription = "Tc99m MDP",
        };
    }

    private float[] Activity(BoneScanView view)
    {
        var image = new float[Width * Height];
        var post = view == BoneScanView.Posterior;
        const float soft = 0.16f;
        // Body outline (soft tissue).
        Ellipse(image, Centre, 95, 36, 44, soft);
        Capsule(image, Centre, 132, Centre, 172, 14, soft);
        Capsule(image, Centre - 40, 200, Centre - 40, 450, 38, soft);
        Capsule(image, Centre + 40, 200, Centre + 40, 450, 38, soft);
        Capsule(image, Centre, 190, Centre, 500, 50, soft);
        foreach (var side in new[] { -1, 1 })
        {
            Capsule(image, Centre + side * 60, 182, Centre + side * 84, 195, 14, soft);
            Capsule(image, Centre + side * 84, 190, Centre + side * 92, 360, 13, soft);
            Capsule(image, Centre + side * 92, 360, Centre + side * 96, 520, 11, soft);
            Capsule(image, Centre + side * 36, 480, Centre + side * 34, 740, 24, soft);
            Capsule(image, Centre + side * 33, 740, Centre + side * 30, 960, 17, soft);
            Ellipse(image, Centre + side * 30, 975, 11, 16, soft);
        }

        // Skeleton: spine stronger from behind, sternum from the front.
        var spine = post ? 1.25f : 0.85f;
        Ring(image, Centre, 97, 34, 42, 6, 0.9f);
        Capsule(image, Centre, 140, Centre, 175, 5, 0.9f * spine);
        Capsule(image, Centre, 175, Centre, 340, 7, spine);
        Capsule(image, Centre, 340, Centre, 445, 8, spine);
        Ellipse(image, Centre, 468, 14, 22, spine, add: false);
        Capsule(image, Centre, 185, Centre, 270, 5, post ? 0.25f : 0.9f);
        for (var k = 0; k < 11; k++)
        {
            var y0 = 190 + 13 * k;
            foreach (var side in new[] { -1, 1 })
            {
                Capsule(image, Centre + side * 9, y0, Centre + side * 52, y0 + 8, 2.5, 0.75f);
                Capsule(image, Centre + side * 52, y0 + 8, Centre + side * 60, y0 + 30, 2.5, 0.75f);
            }
        }
        foreach (var side in new[] { -1, 1 })
        {
            Capsule(image, Centre + side * 10, 178, Centre + side * 72, 172, 3.5, 0.9f);
            Ellipse(image, Centre + side * 80, 190, 10, 10, 1.1f, add: false);
            Capsule(image, Centre + side * 50, 200, Centre + side * 50, 230, 16, post ? 0.5f : 0.2f);
            Capsule(image, Centre + side * 84, 200, Centre + side * 92, 355, 5, 0.8f);
            Capsule(image, Centre + side * 92, 362, Centre + side * 96, 515, 4.5, 0.7f);
            Ellipse(image, Centre + side * 45, 456, 30, 22, 0.8f, add: false);
            Ellipse(image, Centre + side * 50, 500, 10, 10, 1.1f, add: false);
            Capsule(image, Centre + side * 46, 508, Centre + side * 36, 738, 6, 0.9f);
            Ellipse(image, Centre + side * 34, Knees, 15, 10, 1.2f, add: false);
            Capsule(image, Centre + side * 32, 755, Centre + side * 30, 955, 5.5, 0.9f);
            Ellipse(image, Centre + side * 30, 978, 9, 12, 0.9f, add: false);
            if (SymmetricKnees) Ellipse(image, Centre + side * 34, Knees, 6, 6, 2.0f);
        }
        Ellipse(image, Centre, 527, 22, 6, 0.9f, add: false);

        if (Kidneys)
            foreach (var side in new[] { -1, 1 })
                Ellipse(image, Centre + side * 42, 385, 13, 25, post ? 1.1f : 0.35f);
        if (Bladder) Ellipse(image, Centre, 505, 20, 15, post ? 3.0f : 4.0f);
        if (InjectionSite) Ellipse(image, Centre + 94, 372, 3, 3, 20f);
        foreach (var lesion in Lesions)
        {
            var weight = lesion.View is null || lesion.View == view ? 1f : lesion.OtherViewWeight;
            var radius = lesion.DiameterMm / SpacingMm / 2;
            // Lesion uptake replaces bone: contrast × the bone level under it.
            Ellipse(image, lesion.X, lesion.Y, radius, radius, (float)((lesion.Contrast - 1) * lesion.BoneLevel) * weight);
        }
        for (var i = 0; i < image.Length; i++) image[i] += 0.003f;
        return image;
    }

    private float[] Blur(float[] activity)
    {
        // Camera resolution: 10 mm FWHM (sigma 4.25 mm).
        var sigma = 10 / 2.3548 / SpacingMm;
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[2 * radius + 1];
        for (var i = -radius; i <= radius; i++) kernel[i + radius] = Math.Exp(-i * i / (2 * sigma * sigma));
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        var temp = new double[activity.Length];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                double s = 0;
                for (var k = -radius; k <= radius; k++) s += activity[y * Width + Math.Clamp(x + k, 0, Width - 1)] * kernel[k + radius];
                temp[y * Width + x] = s;
            }
        var result = new double[activity.Length];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                double s = 0;
                for (var k = -radius; k <= radius; k++) s += temp[Math.Clamp(y + k, 0, Height - 1) * Width + x] * kernel[k + radius];
                result[y * Width + x] = s;
            }
        var total = result.Sum();
        var scale = CountsPerView / total;
        return result.Select(v => (float)(v * scale)).ToArray();
    }

    private static float[] Sample(float[] expected, Random random)
    {
        var counts = new float[expected.Length];
        for (var i = 0; i < expected.Length; i++) counts[i] = Poisson(expected[i], random);
        return counts;
    }

    private static float Poisson(double lambda, Random random)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30)
        {
            // Normal approximation (Box–Muller): exact enough above 30 and much faster.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var n = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return (float)Math.Max(0, Math.Round(lambda + Math.Sqrt(lambda) * n));
        }
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        } while (p > limit);
        return k - 1;
    }

    public static float[] Mirror(float[] image)
    {
        var result = new float[image.Length];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                result[y * Width + x] = image[y * Width + Width - 1 - x];
        return result;
    }

    /// <summary>Adds <paramref name="value"/> inside the ellipse, or with <paramref name="add"/> false raises pixels to
    /// at least it (bones meeting bones must not double up).</summary>
    private static void Ellipse(float[] image, double cx, double cy, double rx, double ry, float value, bool add = true)
    {
        for (var y = (int)Math.Floor(cy - ry); y <= (int)Math.Ceiling(cy + ry); y++)
            for (var x = (int)Math.Floor(cx - rx); x <= (int)Math.Ceiling(cx + rx); x++)
            {
                if ((uint)x >= Width || (uint)y >= Height) continue;
                double dx = (x - cx) / rx, dy = (y - cy) / ry;
                if (dx * dx + dy * dy <= 1) image[y * Width + x] = add ? image[y * Width + x] + value : Math.Max(image[y * Width + x], value);
            }
    }

    private static void Ring(float[] image, double cx, double cy, double rx, double ry, double thickness, float value)
    {
        for (var y = (int)Math.Floor(cy - ry); y <= (int)Math.Ceiling(cy + ry); y++)
            for (var x = (int)Math.Floor(cx - rx); x <= (int)Math.Ceiling(cx + rx); x++)
            {
                if ((uint)x >= Width || (uint)y >= Height) continue;
                double dx = (x - cx) / rx, dy = (y - cy) / ry;
                var r = Math.Sqrt(dx * dx + dy * dy);
                if (r <= 1 && r >= 1 - thickness / Math.Min(rx, ry)) image[y * Width + x] += value;
                else if (r < 1) image[y * Width + x] += value * 0.3f;
            }
    }

    /// <summary>Raises pixels within <paramref name="radius"/> of the segment to at least <paramref name="value"/>, so
    /// overlapping limbs and bones do not add up.</summary>
    private static void Capsule(float[] image, double x0, double y0, double x1, double y1, double radius, float value)
    {
        var minX = (int)Math.Floor(Math.Min(x0, x1) - radius);
        var maxX = (int)Math.Ceiling(Math.Max(x0, x1) + radius);
        var minY = (int)Math.Floor(Math.Min(y0, y1) - radius);
        var maxY = (int)Math.Ceiling(Math.Max(y0, y1) + radius);
        double vx = x1 - x0, vy = y1 - y0;
        var length2 = vx * vx + vy * vy;
        for (var y = minY; y <= maxY; y++)
            for (var x = minX; x <= maxX; x++)
            {
                if ((uint)x >= Width || (uint)y >= Height) continue;
                var t = length2 == 0 ? 0 : Math.Clamp(((x - x0) * vx + (y - y0) * vy) / length2, 0, 1);
                double dx = x - (x0 + t * vx), dy = y - (y0 + t * vy);
                if (dx * dx + dy * dy <= radius * radius) image[y * Width + x] = Math.Max(image[y * Width + x], value);
            }
    }
}

/// <summary>A lesion placed in the model: centre (anterior-frame pixels), diameter, contrast to the bone under it, and
/// optionally the view it is nearer to (the other view sees it weighted by <see cref="OtherViewWeight"/>).</summary>
public sealed record SyntheticLesion(int X, int Y, double DiameterMm, double Contrast, float BoneLevel = 0.85f)
{
    public BoneScanView? View { get; init; }
    public float OtherViewWeight { get; init; } = 0.5f;
}
