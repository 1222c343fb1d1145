namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Maps prior anterior-frame positions into the current frame from the anatomical anchors both findings carry:
/// rows piecewise-linearly between the anchors that agree with a common shift and scale, columns about the spine line.</summary>
public sealed class AnchorAlignment
{
    private readonly double[] _priorRows;
    private readonly double[] _currentRows;
    private readonly double _scale;
    private readonly double _offset;
    private readonly double _priorSpine;
    private readonly double _currentSpine;

    private AnchorAlignment(double[] priorRows, double[] currentRows, double scale, double offset, double priorSpine, double currentSpine, ComparisonAlignment description)
    {
        _priorRows = priorRows;
        _currentRows = currentRows;
        _scale = scale;
        _offset = offset;
        _priorSpine = priorSpine;
        _currentSpine = currentSpine;
        Description = description;
    }

    /// <summary>What the alignment used, for the comparison document.</summary>
    public ComparisonAlignment Description { get; }

    /// <summary>The alignment from <paramref name="prior"/>'s anchors to <paramref name="current"/>'s; the identity (with
    /// <see cref="ComparisonAlignment.Method"/> "identity") when either is missing or too few anchors agree.</summary>
    public static AnchorAlignment Create(AnatomicalAnchors? prior, AnatomicalAnchors? current, double currentPixelSpacingMm, BoneScanComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (prior is null || current is null) return Identity([]);
        var pairs = new List<(string Name, int Prior, int Current)>
        {
            ("head-top", prior.HeadTop, current.HeadTop),
            ("neck", prior.Neck, current.Neck),
            ("shoulders", prior.Shoulders, current.Shoulders),
            ("iliac-crests", prior.IliacCrests, current.IliacCrests),
            ("knees", prior.Knees, current.Knees),
            ("feet", prior.Feet, current.Feet),
        };
        var used = new bool[pairs.Count];
        Array.Fill(used, true);
        var toleranceRows = options.AnchorToleranceMm / currentPixelSpacingMm;
        double scale = 1, offset = 0;
        while (true)
        {
            var count = used.Count(u => u);
            if (count < Math.Max(2, options.MinimumAnchors)) return Identity(Describe(pairs, new bool[pairs.Count]));
            (scale, offset) = Fit(pairs, used);
            var plausible = scale > 0 && scale <= options.MaximumScaleChange && scale >= 1 / options.MaximumScaleChange;
            var worst = -1;
            var worstResidual = 0.0;
            for (var i = 0; i < pairs.Count; i++)
            {
                if (!used[i]) continue;
                var residual = Math.Abs(offset + scale * pairs[i].Prior - pairs[i].Current);
                if (residual > worstResidual)
                {
                    worstResidual = residual;
                    worst = i;
                }
            }
            if (plausible && worstResidual <= toleranceRows) break;
            if (worst < 0) return Identity(Describe(pairs, new bool[pairs.Count]));
            used[worst] = false;
        }

        // Rows must increase on both scans between used anchors, or the piecewise map would fold.
        var kept = Enumerable.Range(0, pairs.Count).Where(i => used[i]).OrderBy(i => pairs[i].Prior).ToList();
        var priorRows = new List<double>();
        var currentRows = new List<double>();
        foreach (var i in kept)
        {
            if (priorRows.Count > 0 && (pairs[i].Prior <= priorRows[^1] || pairs[i].Current <= currentRows[^1]))
            {
                used[i] = false;
                continue;
            }
            priorRows.Add(pairs[i].Prior);
            currentRows.Add(pairs[i].Current);
        }
        if (priorRows.Count < Math.Max(2, options.MinimumAnchors)) return Identity(Describe(pairs, new bool[pairs.Count]));
        (scale, offset) = Fit(pairs, used);
        var squares = 0.0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!used[i]) continue;
            var residual = (offset + scale * pairs[i].Prior - pairs[i].Current) * currentPixelSpacingMm;
            squares += residual * residual;
        }
        // Planar whole-body pixels are square and a repositioned patient is not stretched sideways: the vertical scale
        // (over the body's length, the best-measured one) serves for columns too; body width changes with weight and arms.
        var description = new ComparisonAlignment
        {
            Method = "anchors",
            Anchors = Describe(pairs, used),
            VerticalScale = Math.Round(scale, 5),
            VerticalOffset = Math.Round(offset, 3),
            HorizontalScale = Math.Round(scale, 5),
            PriorSpineColumn = prior.SpineColumn,
            CurrentSpineColumn = current.SpineColumn,
            AnchorResidualMm = Math.Round(Math.Sqrt(squares / priorRows.Count), 2),
        };
        return new AnchorAlignment([.. priorRows], [.. currentRows], scale, offset, prior.SpineColumn, current.SpineColumn, description);
    }

    /// <summary>Where prior pixel (<paramref name="x"/>, <paramref name="y"/>) lies in the current frame.</summary>
    public (double X, double Y) Map(double x, double y)
    {
        double row;
        if (_priorRows.Length < 2)
        {
            row = y;
        }
        else if (y <= _priorRows[0])
        {
            row = _currentRows[0] + (y - _priorRows[0]) * _scale;
        }
        else if (y >= _priorRows[^1])
        {
            row = _currentRows[^1] + (y - _priorRows[^1]) * _scale;
        }
        else
        {
            var k = 1;
            while (y > _priorRows[k]) k++;
            var t = (y - _priorRows[k - 1]) / (_priorRows[k] - _priorRows[k - 1]);
            row = _currentRows[k - 1] + t * (_currentRows[k] - _currentRows[k - 1]);
        }
        var column = _currentSpine + (x - _priorSpine) * (_priorRows.Length < 2 ? 1 : _scale);
        return (column, row);
    }

    private static AnchorAlignment Identity(IReadOnlyList<AlignmentAnchor> anchors) =>
        new([], [], 1, 0, 0, 0, new ComparisonAlignment { Method = "identity", Anchors = anchors });

    private static List<AlignmentAnchor> Describe(List<(string Name, int Prior, int Current)> pairs, bool[] used) =>
        [.. pairs.Select((p, i) => new AlignmentAnchor(p.Name, p.Prior, p.Current, used[i]))];

    /// <summary>Least-squares current = offset + scale × prior over the used anchors.</summary>
    private static (double Scale, double Offset) Fit(List<(string Name, int Prior, int Current)> pairs, bool[] used)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!used[i]) continue;
            n++;
            sx += pairs[i].Prior;
            sy += pairs[i].Current;
            sxx += (double)pairs[i].Prior * pairs[i].Prior;
            sxy += (double)pairs[i].Prior * pairs[i].Current;
        }
        var denominator = n * sxx - sx * sx;
        if (n < 2 || Math.Abs(denominator) < 1e-9) return (1, n > 0 ? (sy - sx) / n : 0);
        var scale = (n * sxy - sx * sy) / denominator;
        return (scale, (sy - scale * sx) / n);
    }
}
