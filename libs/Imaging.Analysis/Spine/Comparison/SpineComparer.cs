using System.Globalization;

namespace Imaging.Analysis.Spine.Comparison;

/// <summary>Compares a spine findings document with the patient's prior one (issue 7, step 7): levels matched by label,
/// checked by their centroids after a rigid translation; per level the change of the minimum height, new fractures, grade
/// progression, height gained and cement added. Works on the two documents alone (no images).</summary>
public static class SpineComparer
{
    public const string NewFracture = "new-fracture";
    public const string Progressed = "progressed";
    public const string Improved = "improved";
    public const string Stable = "stable";
    public const string OnlyCurrent = "only-current";
    public const string OnlyPrior = "only-prior";

    public const string ByLabel = "label";
    public const string LabelUnchecked = "label-unchecked";
    public const string LabelDisagrees = "label-disagrees";

    /// <summary>Warning code when a stored prior could not be read and no other prior was compared.</summary>
    public const string PriorUnreadable = "prior-unreadable";

    /// <summary><paramref name="current"/> compared with the prior <see cref="SpinePriorSelector"/> picks from
    /// <paramref name="history"/>; with none, unchanged (levels given their own tracking UIDs) apart from a warning for
    /// each unreadable prior.</summary>
    public static SpineFindings CompareWithHistory(SpineFindings current, PatientHistory history, SpineComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        current = SpineTracking.AssignMissing(current);
        var (prior, notes) = SpinePriorSelector.Select(history, current.StudyInstanceUid, current.SeriesDate, current.Modality, options);
        if (prior is null)
        {
            return notes.Count == 0 ? current : current with { Warnings = [.. current.Warnings, .. notes.Select(n => new SpineWarning(PriorUnreadable, n))] };
        }
        var compared = Apply(current, prior, options);
        return notes.Count == 0 ? compared : compared with { Comparison = compared.Comparison! with { Notes = [.. compared.Comparison.Notes, .. notes] } };
    }

    /// <summary><paramref name="current"/> with its comparison against <paramref name="prior"/> and the tracking UIDs of
    /// matched levels inherited from the prior (other levels keep or get their own).</summary>
    public static SpineFindings Apply(SpineFindings current, SpineFindings prior, SpineComparisonOptions? options = null)
    {
        var comparison = Compare(current, prior, options);
        var inherited = comparison.Levels
            .Where(l => l.Status is not OnlyPrior && l.TrackingUid is not null)
            .ToDictionary(l => l.Level, l => l.TrackingUid!, StringComparer.OrdinalIgnoreCase);
        return current with
        {
            Comparison = comparison,
            Vertebrae = [.. current.Vertebrae.Select(v => v with
            {
                TrackingUid = inherited.TryGetValue(v.Level, out var uid) ? uid : v.TrackingUid ?? SpineTracking.DeriveUid(current.SeriesInstanceUid, v.Level),
            })],
        };
    }

    /// <summary>The comparison of <paramref name="current"/> with <paramref name="prior"/>.</summary>
    public static SpineComparison Compare(SpineFindings current, SpineFindings prior, SpineComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(prior);
        options ??= SpineComparisonOptions.Default;
        if (current.Vertebrae.Count > options.MaximumLevels || prior.Vertebrae.Count > options.MaximumLevels)
            throw new ArgumentException($"A findings document with more than {options.MaximumLevels} levels is not compared.");

        var now = Levels(current);
        var before = Levels(prior);
        var notes = new List<string>();
        var matched = now.Keys.Where(before.ContainsKey).OrderBy(l => l, Comparer<string>.Create(SpineLevelOrder.Compare)).ToList();

        var (alignment, distances) = Align(matched, now, before, options, notes);

        var rows = new List<VertebraChange>();
        foreach (var level in matched)
        {
            distances.TryGetValue(level, out var distance);
            rows.Add(Matched(before[level], now[level], distances.ContainsKey(level) ? distance : null, prior.SeriesInstanceUid, options));
        }

        var (spanFirst, spanLast) = Span(before.Keys);
        var unmatched = new List<VertebraChange>();
        foreach (var level in now.Keys.Where(l => !before.ContainsKey(l)))
        {
            var v = now[level];
            var rank = SpineLevelOrder.Rank(level);
            // Inside the prior's measured range the level was in view: a fracture now was not called then.
            var inPriorView = rank != int.MaxValue && rank > spanFirst && rank < spanLast;
            var isNew = inPriorView && v.GenantGrade >= 1;
            if (inPriorView) notes.Add($"{level} was not measured in the prior although within its levels: compared as unfractured.");
            unmatched.Add(new VertebraChange
            {
                Level = v.Level,
                Status = isNew ? NewFracture : OnlyCurrent,
                CurrentMinimumHeightMm = MinimumHeight(v),
                CurrentGenantGrade = v.GenantGrade,
                CurrentCement = v.Cement,
                NewFracture = isNew,
                TrackingUid = v.TrackingUid ?? SpineTracking.DeriveUid(current.SeriesInstanceUid, v.Level),
            });
        }
        foreach (var level in before.Keys.Where(l => !now.ContainsKey(l)))
        {
            var v = before[level];
            unmatched.Add(new VertebraChange
            {
                Level = v.Level,
                Status = OnlyPrior,
                PriorMinimumHeightMm = MinimumHeight(v),
                PriorGenantGrade = v.GenantGrade,
                PriorCement = v.Cement,
                TrackingUid = v.TrackingUid ?? SpineTracking.DeriveUid(prior.SeriesInstanceUid, v.Level),
            });
        }
        rows.AddRange(unmatched.OrderBy(r => r.Level, Comparer<string>.Create(SpineLevelOrder.Compare)));

        AddDocumentNotes(current, prior, matched.Count, notes);
        var moved = rows.Where(r => r.CentroidDistanceMm > options.LevelMovedNoteMm).Select(r => r.Level).ToList();
        if (moved.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", moved)} moved more than {options.LevelMovedNoteMm:0.#} mm against the other levels after alignment: the two series may disagree on those bodies."));
        }

        var ordered = rows.OrderBy(r => r.Level, Comparer<string>.Create(SpineLevelOrder.Compare)).ToList();
        return new SpineComparison
        {
            PriorStudyInstanceUid = prior.StudyInstanceUid,
            PriorSeriesInstanceUid = prior.SeriesInstanceUid,
            PriorDate = prior.SeriesDate,
            PriorAnalyzerVersion = prior.AnalyzerVersion,
            PriorModality = prior.Modality,
            IntervalDays = current.SeriesDate is { } a && prior.SeriesDate is { } b ? a.DayNumber - b.DayNumber : null,
            Levels = rows,
            NewFractureLevels = [.. ordered.Where(r => r.NewFracture).Select(r => r.Level)],
            ProgressedLevels = [.. ordered.Where(r => r.Status == Progressed).Select(r => r.Level)],
            CementAddedLevels = [.. ordered.Where(r => r.CementAdded).Select(r => r.Level)],
            Alignment = alignment,
            Notes = notes,
        };
    }

    private static VertebraChange Matched(VertebraFindings before, VertebraFindings now, double? distance, string? priorSeries, SpineComparisonOptions options)
    {
        var priorHeight = MinimumHeight(before);
        var currentHeight = MinimumHeight(now);
        double? change = priorHeight is { } p && currentHeight is { } c ? c - p : null;
        double? percent = change is { } d && priorHeight is { } ph ? 100 * d / ph : null;
        var newFracture = before.GenantGrade <= 0 && now.GenantGrade >= 1;
        var gradeRose = before.GenantGrade >= 1 && now.GenantGrade > before.GenantGrade;
        var lost = change is { } loss && percent is { } lossPercent && -loss > options.HeightChangeMm && -lossPercent > options.HeightChangePercent;
        var gained = change is { } gain && percent is { } gainPercent && gain > options.HeightChangeMm && gainPercent > options.HeightChangePercent;
        var status = newFracture ? NewFracture : gradeRose || lost ? Progressed : gained ? Improved : Stable;
        return new VertebraChange
        {
            Level = now.Level,
            Status = status,
            PriorMinimumHeightMm = Round(priorHeight),
            CurrentMinimumHeightMm = Round(currentHeight),
            MinimumHeightChangeMm = Round(change),
            MinimumHeightChangePercent = Round(percent),
            PriorGenantGrade = before.GenantGrade,
            CurrentGenantGrade = now.GenantGrade,
            PriorCement = before.Cement,
            CurrentCement = now.Cement,
            NewFracture = newFracture,
            GradeProgression = gradeRose,
            CementAdded = !before.Cement && now.Cement,
            CentroidDistanceMm = Round(distance),
            TrackingUid = before.TrackingUid ?? SpineTracking.DeriveUid(priorSeries, before.Level),
        };
    }

    /// <summary>The rigid translation (median of the matched centroids' differences), each level's residual distance, and
    /// whether shifting the labels by one level explains the centroids much better than the labels do.</summary>
    private static (SpineAlignment Alignment, Dictionary<string, double> Distances) Align(
        List<string> matched, Dictionary<string, VertebraFindings> now, Dictionary<string, VertebraFindings> before,
        SpineComparisonOptions options, List<string> notes)
    {
        var distances = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var pairs = matched.Where(l => Centroid(now[l]) is not null && Centroid(before[l]) is not null).ToList();
        if (pairs.Count == 0)
        {
            if (matched.Count > 0) notes.Add("No centroids to check the level match: levels are matched by label alone.");
            return (new SpineAlignment { Method = LabelUnchecked, MatchedLevels = matched.Count }, distances);
        }

        var (translation, residuals) = Fit(pairs.Select(l => (Centroid(before[l])!, Centroid(now[l])!)).ToList());
        for (var i = 0; i < pairs.Count; i++) distances[pairs[i]] = residuals[i];
        var residual = Median(residuals);
        var method = pairs.Count >= 2 ? ByLabel : LabelUnchecked;
        if (method == LabelUnchecked) notes.Add("Only one level with centroids on both sides: the level match could not be checked.");

        // Index both sides cranial first: "shift by one" pairs the body the current calls X with the prior's next level.
        var priorOrder = before.Keys.Where(l => Centroid(before[l]) is not null).OrderBy(l => l, Comparer<string>.Create(SpineLevelOrder.Compare)).ToList();
        var bodyHeight = Median([.. matched.Select(l => before[l].PosteriorHeightMm).Where(h => double.IsFinite(h) && h > 0)]);
        if (pairs.Count >= options.MinimumLevelsForLabelCheck && bodyHeight > 0 && residual > options.LabelShiftMinimumHeightFraction * bodyHeight)
        {
            foreach (var shift in (int[])[-1, 1])
            {
                var shifted = new List<(double[], double[])>();
                foreach (var level in pairs)
                {
                    var index = priorOrder.IndexOf(level) + shift;
                    if (index >= 0 && index < priorOrder.Count) shifted.Add((Centroid(before[priorOrder[index]])!, Centroid(now[level])!));
                }
                if (shifted.Count < options.MinimumLevelsForLabelCheck) continue;
                var shiftedResidual = Median(Fit(shifted).Residuals);
                if (shiftedResidual >= options.LabelShiftResidualRatio * residual) continue;
                method = LabelDisagrees;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The centroids fit much better with the current labels one level {(shift > 0 ? "cranial" : "caudal")} of the prior's (median residual {shiftedResidual:0.0} mm against {residual:0.0} mm by label): the two series may disagree on the level count; levels are still compared by label."));
                break;
            }
        }

        return (new SpineAlignment
        {
            Method = method,
            TranslationMm = [.. translation.Select(t => Math.Round(t, 2))],
            ResidualMm = Math.Round(residual, 2),
            MatchedLevels = matched.Count,
        }, distances);
    }

    private static (double[] Translation, double[] Residuals) Fit(List<(double[] Prior, double[] Current)> pairs)
    {
        var translation = new double[3];
        for (var axis = 0; axis < 3; axis++) translation[axis] = Median([.. pairs.Select(p => p.Current[axis] - p.Prior[axis])]);
        var residuals = pairs.Select(p =>
        {
            var dx = p.Current[0] - p.Prior[0] - translation[0];
            var dy = p.Current[1] - p.Prior[1] - translation[1];
            var dz = p.Current[2] - p.Prior[2] - translation[2];
            return Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }).ToArray();
        return (translation, residuals);
    }

    private static void AddDocumentNotes(SpineFindings current, SpineFindings prior, int matched, List<string> notes)
    {
        if (matched == 0) notes.Add("No level in common with the prior: nothing to compare level by level.");
        if (!string.Equals(current.LabelConfidence, "high", StringComparison.OrdinalIgnoreCase))
            notes.Add("The current series' level labels are of low confidence: levels matched by label may be off by one.");
        if (!string.Equals(prior.LabelConfidence, "high", StringComparison.OrdinalIgnoreCase))
            notes.Add("The prior series' level labels are of low confidence: levels matched by label may be off by one.");
        if (!string.Equals(current.Modality?.Trim(), prior.Modality?.Trim(), StringComparison.OrdinalIgnoreCase))
            notes.Add($"The prior is {prior.Modality ?? "of unknown modality"} and the current {current.Modality}: heights measured on different modalities differ by method.");
        else if (!string.Equals(current.Method, prior.Method, StringComparison.OrdinalIgnoreCase))
            notes.Add($"The prior's bodies were found by {prior.Method ?? "an unknown method"} and the current's by {current.Method}: heights may differ by method.");
        if (current.SeriesDate is null || prior.SeriesDate is null)
            notes.Add("The interval is unknown: a series date is missing.");
        else if (prior.SeriesDate > current.SeriesDate)
            notes.Add("The prior is dated after the current series.");
    }

    /// <summary>Levels by label (first occurrence of a repeated label), entries without one left out.</summary>
    private static Dictionary<string, VertebraFindings> Levels(SpineFindings findings)
    {
        var levels = new Dictionary<string, VertebraFindings>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in findings.Vertebrae)
            if (v?.Level is { Length: > 0 } level) levels.TryAdd(level, v);
        return levels;
    }

    private static (int First, int Last) Span(IEnumerable<string> levels)
    {
        var ranks = levels.Select(SpineLevelOrder.Rank).Where(r => r != int.MaxValue).ToList();
        return ranks.Count == 0 ? (int.MaxValue, int.MinValue) : (ranks.Min(), ranks.Max());
    }

    private static double? MinimumHeight(VertebraFindings v)
    {
        var min = Math.Min(v.AnteriorHeightMm, Math.Min(v.MiddleHeightMm, v.PosteriorHeightMm));
        return double.IsFinite(min) && min > 0 ? min : null;
    }

    private static double[]? Centroid(VertebraFindings v) =>
        v.CentroidMm is { Length: 3 } c && c.All(double.IsFinite) ? c : null;

    private static double Median(double[] values)
    {
        if (values.Length == 0) return 0;
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
