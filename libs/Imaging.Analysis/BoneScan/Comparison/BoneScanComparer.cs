using System.Globalization;

namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Compares a bone scan's findings with the patient's prior findings (issue 6, step 7), from the two documents
/// alone: align by anchors, match lesions one-to-one (closest first, within the match distance, same or neighbouring
/// region), classify new / persistent / resolved, and note the "2+2" rule and the flare caveat.</summary>
public static class BoneScanComparer
{
    /// <summary><paramref name="current"/> with its comparison to <paramref name="prior"/> and tracking UIDs: persistent
    /// lesions inherit the prior's, the others keep (or get) their own.</summary>
    /// <param name="therapy">The last therapy before the current scan, when known (explicit or inferred).</param>
    public static BoneScanFindings Compare(BoneScanFindings prior, BoneScanFindings current, TherapyEvent? therapy = null, BoneScanComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        options ??= BoneScanComparisonOptions.Default;
        if (prior.Lesions.Count > options.MaximumLesions || current.Lesions.Count > options.MaximumLesions)
            throw new ArgumentException($"Findings with {prior.Lesions.Count} and {current.Lesions.Count} lesions exceed the {options.MaximumLesions} a comparison accepts.");
        prior = LesionTracking.AssignMissing(prior);
        current = LesionTracking.AssignMissing(current);
        var spacing = current.Qc.PixelSpacingMm is { } s && double.IsFinite(s) && s > 0 ? s : BoneScanOptions.Default.AssumedPixelSpacingMm;
        var alignment = AnchorAlignment.Create(prior.Anchors, current.Anchors, spacing, options);

        var priorLesions = prior.Lesions;
        var currentLesions = current.Lesions;
        var expected = priorLesions.Select(l => alignment.Map(l.X, l.Y)).ToArray();
        var candidates = new List<(double Distance, int Current, int Prior)>();
        for (var c = 0; c < currentLesions.Count; c++)
        {
            for (var p = 0; p < priorLesions.Count; p++)
            {
                var regionOk = currentLesions[c].Region == priorLesions[p].Region
                    || (options.MatchNeighbouringRegions && RegionAdjacency.SameOrNeighbouring(currentLesions[c].Region, priorLesions[p].Region));
                if (!regionOk) continue;
                var dx = currentLesions[c].X - expected[p].X;
                var dy = currentLesions[c].Y - expected[p].Y;
                var distance = Math.Sqrt(dx * dx + dy * dy) * spacing;
                if (distance <= MatchLimitMm(currentLesions[c], priorLesions[p], alignment.Description.HorizontalScale, options)) candidates.Add((distance, c, p));
            }
        }
        // Closest pairs first; ties broken by document order so the result never depends on sort stability.
        candidates.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Current != b.Current ? a.Current.CompareTo(b.Current) : a.Prior.CompareTo(b.Prior));
        var matchOfCurrent = new int[currentLesions.Count];
        var matchOfPrior = new int[priorLesions.Count];
        var distanceOfCurrent = new double[currentLesions.Count];
        Array.Fill(matchOfCurrent, -1);
        Array.Fill(matchOfPrior, -1);
        foreach (var (distance, c, p) in candidates)
        {
            if (matchOfCurrent[c] >= 0 || matchOfPrior[p] >= 0) continue;
            matchOfCurrent[c] = p;
            matchOfPrior[p] = c;
            distanceOfCurrent[c] = distance;
        }

        var lesions = new List<BoneScanLesion>(currentLesions.Count);
        var rows = new List<LesionComparison>();
        for (var c = 0; c < currentLesions.Count; c++)
        {
            var lesion = currentLesions[c];
            var p = matchOfCurrent[c];
            if (p < 0)
            {
                lesions.Add(lesion);
                rows.Add(new LesionComparison(LesionChange.New)
                {
                    Id = lesion.Id, TrackingUid = lesion.TrackingUid, Region = lesion.Region, X = lesion.X, Y = lesion.Y,
                    PeakRatio = lesion.PeakRatio, AreaMm2 = lesion.AreaMm2,
                });
                continue;
            }
            var before = priorLesions[p];
            var inherited = lesion with { TrackingUid = before.TrackingUid };
            lesions.Add(inherited);
            rows.Add(new LesionComparison(LesionChange.Persistent)
            {
                Id = lesion.Id, TrackingUid = inherited.TrackingUid, Region = lesion.Region, X = lesion.X, Y = lesion.Y,
                PriorId = before.Id, PriorRegion = before.Region, PriorX = before.X, PriorY = before.Y,
                ExpectedX = Round(expected[p].X, 1), ExpectedY = Round(expected[p].Y, 1), DistanceMm = Round(distanceOfCurrent[c], 1),
                PeakRatio = lesion.PeakRatio, PriorPeakRatio = before.PeakRatio,
                PeakRatioChange = Ratio(lesion.PeakRatio, before.PeakRatio), PeakChangePercent = Percent(lesion.PeakRatio, before.PeakRatio),
                AreaMm2 = lesion.AreaMm2, PriorAreaMm2 = before.AreaMm2, AreaChangeMm2 = Round(lesion.AreaMm2 - before.AreaMm2, 1),
                AreaChangePercent = Percent(lesion.AreaMm2, before.AreaMm2),
            });
        }
        for (var p = 0; p < priorLesions.Count; p++)
        {
            if (matchOfPrior[p] >= 0) continue;
            var before = priorLesions[p];
            rows.Add(new LesionComparison(LesionChange.Resolved)
            {
                TrackingUid = before.TrackingUid, PriorId = before.Id, PriorRegion = before.Region, PriorX = before.X, PriorY = before.Y,
                ExpectedX = Round(expected[p].X, 1), ExpectedY = Round(expected[p].Y, 1),
                PriorPeakRatio = before.PeakRatio, PriorAreaMm2 = before.AreaMm2,
            });
        }

        var newCount = rows.Count(r => r.Status == LesionChange.New);
        var persistentCount = rows.Count(r => r.Status == LesionChange.Persistent);
        var resolvedCount = rows.Count(r => r.Status == LesionChange.Resolved);
        int? interval = prior.SeriesDate is { } priorDate && current.SeriesDate is { } currentDate ? currentDate.DayNumber - priorDate.DayNumber : null;
        var notes = new List<string>();
        if (prior.Status is not (TracerStatus.Analysed or TracerStatus.UnknownTracer))
            notes.Add($"the prior scan's lesions were not counted (status {prior.Status}): the comparison is not meaningful");
        if (alignment.Description.Method != "anchors")
            notes.Add("anatomical anchors missing or inconsistent: lesions compared at their unaligned positions");
        if (prior.Qc.PixelSpacingMm is { } ps && Math.Abs(ps - spacing) > 0.01)
            notes.Add($"pixel spacing differs ({ps.ToString("0.###", CultureInfo.InvariantCulture)} mm prior, {spacing.ToString("0.###", CultureInfo.InvariantCulture)} mm now); positions aligned by anchors");

        var therapyBetween = therapy is not null && (prior.SeriesDate is null || therapy.Date > prior.SeriesDate);
        var progression = Progression(prior, newCount, interval, therapyBetween, options);
        notes.Add(progression.Note);
        var therapyNote = Therapy(therapy, current.SeriesDate, options);
        if (therapyNote?.Note is { } flareNote) notes.Add(flareNote);

        var comparison = new BoneScanComparison
        {
            PriorStudyInstanceUid = prior.StudyInstanceUid,
            PriorSeriesInstanceUid = prior.SeriesInstanceUid,
            PriorDate = prior.SeriesDate,
            PriorAnalyzerVersion = prior.AnalyzerVersion,
            IntervalDays = interval,
            PriorLesionCount = priorLesions.Count,
            CurrentLesionCount = currentLesions.Count,
            NewCount = newCount,
            PersistentCount = persistentCount,
            ResolvedCount = resolvedCount,
            Lesions = rows,
            RegionChanges = RegionChanges(priorLesions, currentLesions, rows),
            Alignment = alignment.Description,
            MatchDistanceMm = options.MatchDistanceMm,
            Progression = progression,
            Therapy = therapyNote,
            Notes = notes,
        };
        return current with { Lesions = lesions, Comparison = comparison };
    }

    /// <summary>The distance within which this pair may match: the fixed distance, or their overlapping extents.</summary>
    private static double MatchLimitMm(BoneScanLesion current, BoneScanLesion prior, double scale, BoneScanComparisonOptions options)
    {
        if (!options.MatchOverlappingExtents) return options.MatchDistanceMm;
        static double Radius(double areaMm2) => double.IsFinite(areaMm2) && areaMm2 > 0 ? Math.Sqrt(areaMm2 / Math.PI) : 0;
        var overlap = Radius(current.AreaMm2) + Radius(prior.AreaMm2) * scale;
        return Math.Max(options.MatchDistanceMm, Math.Min(overlap, options.MaximumOverlapMatchDistanceMm));
    }

    private static ProgressionRuleNote Progression(BoneScanFindings prior, int newCount, int? interval, bool therapyBetween, BoneScanComparisonOptions options)
    {
        const string Rule = "PCWG2 2+2";
        var n = options.ProgressionNewLesions;
        var pending = prior.Comparison?.Progression.Status == ProgressionRuleStatus.NeedsConfirmation && !therapyBetween;
        string Count(int k) => k == 1 ? "1 new lesion" : $"{k} new lesions";
        if (pending)
        {
            if (interval is null || interval < options.ConfirmationIntervalDays)
            {
                var when = interval is null ? "an unknown interval" : $"{interval} days";
                return new(Rule, newCount, ProgressionRuleStatus.ConfirmationTooEarly,
                    $"{Count(newCount)}; the prior scan's new lesions await confirmation, but this scan is {when} after it (a confirmatory scan needs at least {options.ConfirmationIntervalDays} days)");
            }
            return newCount >= n
                ? new(Rule, newCount, ProgressionRuleStatus.Confirmed,
                    $"{Count(newCount)} on a confirmatory scan {interval} days after the prior one, whose new lesions awaited confirmation: the 2+2 progression rule is met")
                : new(Rule, newCount, ProgressionRuleStatus.NotConfirmed,
                    $"{Count(newCount)} on the confirmatory scan (at least {n} needed): the prior scan's new lesions are not confirmed as progression");
        }
        return newCount >= n
            ? new(Rule, newCount, ProgressionRuleStatus.NeedsConfirmation,
                $"{Count(newCount)}: on a first post-treatment scan this is progression only if a confirmatory scan at least {options.ConfirmationIntervalDays} days later shows at least {n} more")
            : new(Rule, newCount, ProgressionRuleStatus.NotMet, $"{Count(newCount)}: fewer than {n}, the 2+2 progression rule is not met");
    }

    private static TherapyNote? Therapy(TherapyEvent? therapy, DateOnly? currentDate, BoneScanComparisonOptions options)
    {
        if (therapy is null) return null;
        int? days = currentDate is { } d ? d.DayNumber - therapy.Date.DayNumber : null;
        var flare = days is { } k && k >= 0 && k <= options.FlareWindowDays;
        var date = therapy.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new TherapyNote(therapy.Date, therapy.Source, days, flare)
        {
            Evidence = therapy.Evidence,
            Note = flare
                ? $"scan {days} days after therapy ({date}, {therapy.Source}): within {options.FlareWindowDays} days new or brighter lesions may be a flare (healing response), not progression; judge them on a later scan"
                : null,
        };
    }

    private static List<RegionCountChange> RegionChanges(IReadOnlyList<BoneScanLesion> prior, IReadOnlyList<BoneScanLesion> current, List<LesionComparison> rows)
    {
        var result = new List<RegionCountChange>();
        foreach (var region in Enum.GetValues<SkeletalRegion>())
        {
            result.Add(new RegionCountChange(region,
                prior.Count(l => l.Region == region),
                current.Count(l => l.Region == region),
                rows.Count(r => r.Status == LesionChange.New && r.Region == region),
                rows.Count(r => r.Status == LesionChange.Resolved && r.PriorRegion == region)));
        }
        return result;
    }

    private static double? Ratio(double current, double prior) => prior > 0 && double.IsFinite(current) ? Round(current / prior, 3) : null;

    private static double? Percent(double current, double prior) => prior > 0 && double.IsFinite(current) ? Round((current / prior - 1) * 100, 1) : null;

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : 0;
}
