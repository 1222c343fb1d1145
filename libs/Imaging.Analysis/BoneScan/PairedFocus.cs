namespace Imaging.Analysis.BoneScan;

/// <summary>One hot focus after anterior–posterior pairing: the blob of each view that saw it, and the smoothed
/// counts of both views at its position (for anterior/posterior dominance).</summary>
internal sealed record PairedFocus(BlobCandidate? Anterior, BlobCandidate? Posterior, double AnteriorLevel, double PosteriorLevel)
{
    /// <summary>The anterior blob's position when there is one, else the posterior's (already in the anterior frame).</summary>
    public int X => (Anterior ?? Posterior)!.X;

    public int Y => (Anterior ?? Posterior)!.Y;

    public double PeakRatio => Math.Max(Anterior?.PeakRatio ?? 0, Posterior?.PeakRatio ?? 0);

    /// <summary>The larger finite area of the two views (infinite only when neither view's region growing stopped).</summary>
    public double AreaMm2
    {
        get
        {
            var a = Anterior?.AreaMm2 ?? double.PositiveInfinity;
            var p = Posterior?.AreaMm2 ?? double.PositiveInfinity;
            if (double.IsInfinity(a)) return p;
            return double.IsInfinity(p) ? a : Math.Max(a, p);
        }
    }

    /// <summary>The area to judge and report a lesion by: <see cref="AreaMm2"/> when plausible, else the larger finite
    /// <see cref="BlobCandidate.ExcessAreaMm2"/> of the views (NaN when neither view has one).</summary>
    public double LesionAreaMm2(double maxAreaMm2)
    {
        var area = AreaMm2;
        if (!double.IsInfinity(area) && area <= maxAreaMm2) return area;
        var a = Anterior?.ExcessAreaMm2 ?? double.NaN;
        var p = Posterior?.ExcessAreaMm2 ?? double.NaN;
        if (double.IsInfinity(a)) a = double.NaN;
        if (double.IsInfinity(p)) p = double.NaN;
        var excess = double.IsNaN(a) ? p : double.IsNaN(p) ? a : Math.Max(a, p);
        if (excess <= maxAreaMm2) return excess;
        // A focus the generative test confirmed is sized by its fitted blob when the bone around it spreads too far.
        var ma = Anterior?.ModelAreaMm2 ?? double.NaN;
        var mp = Posterior?.ModelAreaMm2 ?? double.NaN;
        var model = double.IsNaN(ma) ? mp : double.IsNaN(mp) ? ma : Math.Max(ma, mp);
        return double.IsNaN(model) ? excess : model;
    }

    public IReadOnlyList<BoneScanView> Views => (Anterior, Posterior) switch
    {
        (not null, not null) => [BoneScanView.Anterior, BoneScanView.Posterior],
        (not null, null) => [BoneScanView.Anterior],
        _ => [BoneScanView.Posterior],
    };

    /// <summary>Whether the focus stands out from what normal bone shows at its place: one view's blob on its own, or both
    /// views' blobs at their <see cref="BlobCandidate.PairedFraction"/> of the threshold (two independent measurements of
    /// one focus).</summary>
    public bool StandsOut() =>
        Anterior?.StandsOut == true || Posterior?.StandsOut == true
        || (Anterior is { } a && Posterior is { } p && a.ReferenceContrast >= a.PairedFraction && p.ReferenceContrast >= p.PairedFraction);

    /// <summary>Posterior over anterior smoothed counts at the focus (large for kidneys, small for the sternum).</summary>
    public double PosteriorToAnterior => PosteriorLevel / Math.Max(AnteriorLevel, 1e-6);
}
