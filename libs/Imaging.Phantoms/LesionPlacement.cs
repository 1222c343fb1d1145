using Imaging.Phantoms.Anatomy;

namespace Imaging.Phantoms;

/// <summary>Where a lesion sits: a named site (vertebral level "T8", "L3", a bone such as "left-femur", "right-rib-6-posterior",
/// "skull", "left-iliac-wing"; see <see cref="BoneScanPhantom.SiteNames"/>) plus an offset in mm, or a point in body
/// millimetres (X towards the patient's left from the midline, Y down from the vertex).</summary>
public sealed record LesionPlacement
{
    public string? Site { get; init; }

    /// <summary>Offset from the site, or the body point when <see cref="Site"/> is null, in mm.</summary>
    public double XMm { get; init; }

    public double YMm { get; init; }

    public static LesionPlacement AtSite(string site, double dxMm = 0, double dyMm = 0) => new() { Site = site, XMm = dxMm, YMm = dyMm };

    public static LesionPlacement AtBodyPoint(double xMm, double yMm) => new() { XMm = xMm, YMm = yMm };

    internal LesionPlacement Shifted(double dxMm, double dyMm) => this with { XMm = XMm + dxMm, YMm = YMm + dyMm };

    internal BodyPoint Resolve(BodyModel model, out Structure host)
    {
        if (Site is null)
        {
            var point = new BodyPoint(XMm, YMm);
            host = model.HostAt(point);
            return point;
        }
        if (!model.TryGetSite(Site, out var site, out host))
            throw new ArgumentException($"Unknown lesion site '{Site}'; known sites: {string.Join(", ", model.SiteNames.Order(StringComparer.Ordinal))}.");
        var shifted = site.Offset(XMm, YMm);
        // An offset can carry the lesion off its named bone; the bone it lands on then decides region and depth.
        if (XMm != 0 || YMm != 0) host = model.HostAt(shifted);
        return shifted;
    }
}
