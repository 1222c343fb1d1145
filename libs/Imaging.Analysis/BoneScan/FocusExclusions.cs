namespace Imaging.Analysis.BoneScan;

/// <summary>Sorts paired foci into lesions and exclusions with a reason: activity outside the body, the bladder,
/// the kidneys, an injection site, implausible sizes, and symmetric joint uptake (probably degenerative).</summary>
internal static class FocusExclusions
{
    public const string OutsideBody = "outside-body";
    public const string Bladder = "bladder";
    public const string Kidney = "kidney";
    public const string InjectionSite = "injection-site";
    public const string ImplausibleSize = "implausible-size";
    public const string SymmetricJoint = "symmetric-joint";

    /// <summary>Hot only against the global normal bone, not against the same bone on the other side or the spine
    /// around it: normal anatomy (sacroiliac joints, lumbar spine, wrists), dropped silently like implausible sizes.</summary>
    public const string NormalUptake = "normal-uptake";

    /// <summary>A weaker peak close to a counted lesion: the lesion's own tail raising the neighbouring bone (a rib
    /// above or below, the other half of a vertebra), dropped silently.</summary>
    public const string SameLesion = "same-lesion";

    /// <summary>The exclusion reason of each focus (null: a lesion), in the order of <paramref name="foci"/>.</summary>
    public static string?[] Classify(IReadOnlyList<PairedFocus> foci, BodyMask mask, RegionMap map, BoneScanOptions options)
    {
        var reasons = new string?[foci.Count];
        for (var i = 0; i < foci.Count; i++) reasons[i] = Single(foci[i], mask, map, options);
        // There is one bladder and one injection site: only the hottest candidate is it (its other peaks are satellites
        // below); a lesion in the lumbar spine or a hand that merely shares the zone is judged on its own.
        KeepHottest(foci, reasons, Bladder, map, options);
        KeepHottest(foci, reasons, InjectionSite, map, options);

        // Symmetric joints: a left–right mirror pair at the shoulders, hips, knees or feet of similar intensity. A focus
        // that stands out from its own mirror image is a lesion on a (possibly degenerative) joint, not a partner.
        for (var i = 0; i < foci.Count; i++)
        {
            if (reasons[i] is not null || !InJoint(foci[i], map) || foci[i].StandsOut()) continue;
            for (var j = i + 1; j < foci.Count; j++)
            {
                if (reasons[j] is not null || !InJoint(foci[j], map) || foci[j].StandsOut()) continue;
                var a = foci[i];
                var b = foci[j];
                var mirroredX = 2 * map.SpineAt(a.Y) - a.X;
                var distance = Math.Sqrt(Math.Pow(mirroredX - b.X, 2) + Math.Pow(a.Y - b.Y, 2)) * map.SpacingMm;
                var ratio = Math.Max(a.PeakRatio, b.PeakRatio) / Math.Max(1e-6, Math.Min(a.PeakRatio, b.PeakRatio));
                var oppositeSides = Math.Sign(map.LateralMm(a.X, a.Y)) != Math.Sign(map.LateralMm(b.X, b.Y));
                if (oppositeSides && distance <= options.SymmetryDistanceMm && ratio <= options.SymmetryIntensityRatio)
                {
                    reasons[i] = SymmetricJoint;
                    reasons[j] = SymmetricJoint;
                    break;
                }
            }
        }
        // Satellite peaks of an excluded structure (a bladder's rim, the second maximum of a kidney) share its reason.
        for (var i = 0; i < foci.Count; i++)
        {
            if (reasons[i] is not null) continue;
            for (var j = 0; j < foci.Count; j++)
            {
                if (reasons[j] is not { } reason || reason == ImplausibleSize || reason == OutsideBody || reason == NormalUptake) continue;
                if (reason == SymmetricJoint && foci[i].StandsOut()) continue;
                var distance = Math.Sqrt(Math.Pow(foci[i].X - foci[j].X, 2) + Math.Pow(foci[i].Y - foci[j].Y, 2)) * map.SpacingMm;
                if (distance <= options.ExclusionSatelliteMm)
                {
                    reasons[i] = reason;
                    break;
                }
            }
        }
        for (var i = 0; i < foci.Count; i++) if (reasons[i] is null && !foci[i].StandsOut()) reasons[i] = NormalUptake;
        for (var i = 0; i < foci.Count; i++)
        {
            if (reasons[i] is not null) continue;
            for (var j = 0; j < foci.Count; j++)
            {
                if (j == i || reasons[j] is not null || foci[j].PeakRatio <= foci[i].PeakRatio) continue;
                var distance = Math.Sqrt(Math.Pow(foci[i].X - foci[j].X, 2) + Math.Pow(foci[i].Y - foci[j].Y, 2)) * map.SpacingMm;
                if (distance <= options.LesionMergeMm)
                {
                    reasons[i] = SameLesion;
                    break;
                }
            }
        }
        return reasons;
    }

    private static void KeepHottest(IReadOnlyList<PairedFocus> foci, string?[] reasons, string reason, RegionMap map, BoneScanOptions options)
    {
        var hottest = -1;
        for (var i = 0; i < foci.Count; i++)
            if (reasons[i] == reason && (hottest < 0 || foci[i].PeakRatio > foci[hottest].PeakRatio)) hottest = i;
        for (var i = 0; i < foci.Count; i++)
            if (i != hottest && reasons[i] == reason) reasons[i] = SizeReason(foci[i], map, options);
    }

    private static string? SizeReason(PairedFocus focus, RegionMap map, BoneScanOptions options)
    {
        var lateral = Math.Abs(map.LateralMm(focus.X, focus.Y)) >= options.MirrorMinimumLateralMm;
        var area = focus.AreaMm2;
        // A focus spreading along hot bone at the annulus level is still a lesion when it stands out from the bone
        // (the mirrored bone) and its extent above that bone is lesion-sized; the organ rules ran before. Not on the
        // midline: the normal sternum over the spine stands out from the spine above and below it in the same way. Both
        // views must show it: on the one-view real scan (nm/WG04) a diffuse shoulder asymmetry came through otherwise; and
        // not an obvious hot spot, which diffuse is an organ (a bladder's rim on the synthetic scan).
        if ((double.IsInfinity(area) || area > options.MaxLesionAreaMm2) && options.ExcessAreaForDiffuseFoci && lateral && focus.Anterior is not null && focus.Posterior is not null
            && focus.PeakRatio < options.ObviousHotSpotRatio && focus.StandsOut())
            area = focus.LesionAreaMm2(options.MaxLesionAreaMm2);
        // On the midline only a focus whose core stood out from the column's cores (the normal sternum does not), and over
        // the sternum only above the normal manubrium's peak ratio (its core stands out from the sternal body below it).
        // A focus the generative test confirmed against its mirror is a blob of its own scale over the mirrored bone, in one
        // view as well: its extent above the bone around it, else the fitted blob's half-maximum disc (PairedFocus).
        else if ((double.IsInfinity(area) || area > options.MaxLesionAreaMm2) && options.ExcessAreaForDiffuseFoci && lateral
            && focus.PeakRatio < options.ObviousHotSpotRatio && (focus.Anterior?.LikelihoodConfirmed == true || focus.Posterior?.LikelihoodConfirmed == true))
            area = focus.LesionAreaMm2(options.MaxLesionAreaMm2);
        else if ((double.IsInfinity(area) || area > options.MaxLesionAreaMm2) && options.ExcessAreaForDiffuseFoci && !lateral
            && (focus.Anterior?.ColumnConfirmed == true || focus.Posterior?.ColumnConfirmed == true)
            && (!map.InSternumBand(focus.X, focus.Y) || focus.PeakRatio >= options.ColumnObviousMinimumPeakRatio))
            area = focus.LesionAreaMm2(options.MaxLesionAreaMm2);
        return !double.IsFinite(area) || area < options.MinLesionAreaMm2 || area > options.MaxLesionAreaMm2 ? ImplausibleSize : null;
    }

    private static bool InJoint(PairedFocus focus, RegionMap map) =>
        map.RegionOf(focus.X, focus.Y) == SkeletalRegion.Shoulder || map.InKneeBand(focus.Y) || map.InHipBand(focus.X, focus.Y) || map.InFootBand(focus.Y);

    private static string? Single(PairedFocus focus, BodyMask mask, RegionMap map, BoneScanOptions options)
    {
        if (!mask.Contains(focus.X, focus.Y)) return OutsideBody;
        var lateral = Math.Abs(map.LateralMm(focus.X, focus.Y));
        var below = map.BelowCrestMm(focus.Y);
        if (lateral <= options.BladderMidlineMm && below >= 0 && below <= options.BladderBelowCrestMm && focus.PeakRatio >= options.BladderPeakRatio
            && (double.IsInfinity(focus.AreaMm2) || focus.AreaMm2 >= options.BladderMinAreaMm2))
            return Bladder;
        if (lateral >= options.KidneyLateralFromMm && lateral <= options.KidneyLateralToMm
            && -below >= options.KidneyAboveCrestFromMm && -below <= options.KidneyAboveCrestToMm
            && focus.PosteriorLevel > 0 && focus.PosteriorToAnterior >= options.KidneyPosteriorDominance
            && (double.IsInfinity(focus.AreaMm2) || focus.AreaMm2 >= options.KidneyMinAreaMm2 || focus.PeakRatio < options.KidneyMaxPolePeakRatio))
            return Kidney;
        if (map.RegionOf(focus.X, focus.Y) == SkeletalRegion.UpperLimbs && focus.PeakRatio >= options.InjectionPeakRatio) return InjectionSite;
        return SizeReason(focus, map, options);
    }
}
