namespace Imaging.Phantoms.Anatomy;

/// <summary>A projected shape in body millimetres: its relative path length (1 at its thickest) at a point, and the box
/// outside which it is zero.</summary>
internal abstract class Shape
{
    public abstract double Profile(double x, double y);

    public abstract (double MinX, double MinY, double MaxX, double MaxY) Bounds { get; }

    /// <summary>How far a point lies outside the shape (0 inside), to find the bone a lesion sits in.</summary>
    public abstract double Distance(double x, double y);

    /// <summary>A chord through a sphere or cylinder of unit radius at normalised distance r.</summary>
    protected static double Chord(double r) => r >= 1 ? 0 : Math.Sqrt(1 - r * r);
}

/// <summary>A segment swept by a disc whose radius tapers linearly from one end to the other: vertebrae, long bones,
/// limbs, ribs (as chains).</summary>
internal sealed class Capsule(BodyPoint from, BodyPoint to, double radiusFrom, double radiusTo) : Shape
{
    public BodyPoint From { get; } = from;
    public BodyPoint To { get; } = to;

    public Capsule(BodyPoint from, BodyPoint to, double radius) : this(from, to, radius, radius) { }

    private (double Distance, double Radius) Nearest(double x, double y)
    {
        var dx = To.X - From.X;
        var dy = To.Y - From.Y;
        var length2 = dx * dx + dy * dy;
        var t = length2 == 0 ? 0 : Math.Clamp(((x - From.X) * dx + (y - From.Y) * dy) / length2, 0, 1);
        var px = From.X + t * dx - x;
        var py = From.Y + t * dy - y;
        return (Math.Sqrt(px * px + py * py), radiusFrom + t * (radiusTo - radiusFrom));
    }

    public override double Profile(double x, double y)
    {
        var (d, r) = Nearest(x, y);
        return Chord(d / r);
    }

    public override double Distance(double x, double y)
    {
        var (d, r) = Nearest(x, y);
        return Math.Max(0, d - r);
    }

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var r = Math.Max(radiusFrom, radiusTo);
            return (Math.Min(From.X, To.X) - r, Math.Min(From.Y, To.Y) - r, Math.Max(From.X, To.X) + r, Math.Max(From.Y, To.Y) + r);
        }
    }
}

/// <summary>An ellipsoid seen along its depth axis, optionally rotated (radians, clockwise on the image).</summary>
internal sealed class Ellipse(BodyPoint centre, double radiusX, double radiusY, double angle = 0) : Shape
{
    public BodyPoint Centre { get; } = centre;

    private double Normalised(double x, double y)
    {
        var dx = x - Centre.X;
        var dy = y - Centre.Y;
        var (sin, cos) = Math.SinCos(angle);
        var u = (dx * cos + dy * sin) / radiusX;
        var v = (-dx * sin + dy * cos) / radiusY;
        return Math.Sqrt(u * u + v * v);
    }

    public override double Profile(double x, double y) => Chord(Normalised(x, y));

    public override double Distance(double x, double y) => Math.Max(0, Normalised(x, y) - 1) * Math.Min(radiusX, radiusY);

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var r = Math.Max(radiusX, radiusY);
            return (Centre.X - r, Centre.Y - r, Centre.X + r, Centre.Y + r);
        }
    }
}

/// <summary>An ellipsoidal shell (the calvarium): the path through front and back walls, brightest at the rim where the
/// line of sight runs along the bone.</summary>
internal sealed class Shell(BodyPoint centre, double radiusX, double radiusY, double thickness) : Shape
{
    private readonly double _inner = 1 - thickness / Math.Min(radiusX, radiusY);

    private double Normalised(double x, double y)
    {
        var u = (x - centre.X) / radiusX;
        var v = (y - centre.Y) / radiusY;
        return Math.Sqrt(u * u + v * v);
    }

    public override double Profile(double x, double y)
    {
        var r = Normalised(x, y);
        var outer = Chord(r);
        var inner = r < _inner ? _inner * Chord(r / _inner) : 0;
        return (outer - inner) / Chord(_inner);
    }

    public override double Distance(double x, double y) => Math.Max(0, Normalised(x, y) - 1) * Math.Min(radiusX, radiusY);

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds => (centre.X - radiusX, centre.Y - radiusY, centre.X + radiusX, centre.Y + radiusY);
}

/// <summary>A chain of capsules of one radius (a rib), taking the nearest segment so joints are not counted twice.</summary>
internal sealed class Polyline(IReadOnlyList<BodyPoint> points, double radius) : Shape
{
    private readonly Capsule[] _segments = Enumerable.Range(0, points.Count - 1).Select(i => new Capsule(points[i], points[i + 1], radius)).ToArray();

    public IReadOnlyList<BodyPoint> Points { get; } = points;

    public override double Profile(double x, double y)
    {
        var best = 0.0;
        foreach (var s in _segments) best = Math.Max(best, s.Profile(x, y));
        return best;
    }

    public override double Distance(double x, double y) => _segments.Min(s => s.Distance(x, y));

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds =>
        (Points.Min(p => p.X) - radius, Points.Min(p => p.Y) - radius, Points.Max(p => p.X) + radius, Points.Max(p => p.Y) + radius);
}

/// <summary>A 2-D Gaussian of a given FWHM (lesions, injection site), cut at 3.5 sigma.</summary>
internal sealed class GaussianSpot(BodyPoint centre, double fwhm) : Shape
{
    private readonly double _sigma = fwhm / (2 * Math.Sqrt(2 * Math.Log(2)));

    public BodyPoint Centre { get; } = centre;

    public override double Profile(double x, double y)
    {
        var dx = x - Centre.X;
        var dy = y - Centre.Y;
        return Math.Exp(-(dx * dx + dy * dy) / (2 * _sigma * _sigma));
    }

    public override double Distance(double x, double y) => Math.Max(0, Math.Sqrt((x - Centre.X) * (x - Centre.X) + (y - Centre.Y) * (y - Centre.Y)) - _sigma);

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var r = 3.5 * _sigma;
            return (Centre.X - r, Centre.Y - r, Centre.X + r, Centre.Y + r);
        }
    }
}

/// <summary>A horizontal band whose half-width tapers linearly from top to bottom, projected as a cylinder across its
/// width (the trunk: flat top at the shoulders, no round cap reaching up past the neck).</summary>
internal sealed class Slab(double top, double bottom, double halfWidthTop, double halfWidthBottom) : Shape
{
    private double HalfWidth(double y) => halfWidthTop + (halfWidthBottom - halfWidthTop) * (y - top) / (bottom - top);

    public override double Profile(double x, double y) => y < top || y > bottom ? 0 : Chord(Math.Abs(x) / HalfWidth(y));

    public override double Distance(double x, double y)
    {
        var dy = y < top ? top - y : y > bottom ? y - bottom : 0;
        var dx = Math.Max(0, Math.Abs(x) - HalfWidth(Math.Clamp(y, top, bottom)));
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public override (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var w = Math.Max(halfWidthTop, halfWidthBottom);
            return (-w, top, w, bottom);
        }
    }
}
