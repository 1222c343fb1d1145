using System.Globalization;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Names the bodies found along the canal (caudal first): counted upwards from S1, cross-checked with the last
/// rib-bearing vertebra (which should be T12); a disagreement or a missing anchor lowers the confidence with a warning
/// rather than guessing silently.</summary>
internal static class LevelLabeller
{
    public sealed record Result(IReadOnlyList<string> Levels, string Confidence, IReadOnlyList<SpineWarning> Warnings);

    /// <summary>Bodies from C2 to S1 on a normal spine, both counted: 6 cervical (C2–C7), 12 thoracic, 5 lumbar, S1.</summary>
    private const int NormalC2ToS1 = 24;

    /// <param name="ribs">Per body, caudal first: does it bear ribs.</param>
    /// <param name="sacrum">Whether the first (most caudal) body is S1 (fused to the pelvis).</param>
    /// <param name="c2">Whether the last (most cranial) body is C2 (the dens above it): a second anchor. With S1 too, the two
    /// counts must agree; without S1, levels are counted down from C2 and checked against the ribs.</param>
    public static Result Label(IReadOnlyList<bool> ribs, bool sacrum, bool c2 = false)
    {
        var result = LabelFromBelow(ribs, sacrum);
        if (!c2 || ribs.Count == 0) return result;
        var n = ribs.Count;
        if (sacrum)
        {
            if (n == NormalC2ToS1 && result.Levels[^1] == "C2") return result;
            // The names stay those of the sacrum and ribs (the primary count); the disagreement is said, not resolved.
            return result with
            {
                Confidence = "low",
                Warnings = [.. result.Warnings, new SpineWarning(SpineWarningCodes.C2CountDisagrees,
                    $"{n - 1} vertebrae from C2 down to S1 (normal anatomy: {NormalC2ToS1 - 1}); counting down from C2 would name S1 {NameBelowC2(n - 1)}: " +
                    "a transitional level or a missed body.")],
            };
        }
        // No sacrum: C2 is the anchor; the ribs must sit on the levels the count names thoracic.
        var names = new string[n];
        for (var b = 0; b < n; b++) names[b] = NameBelowC2(n - 1 - b);
        var ribsAgree = true;
        for (var b = 0; b < n; b++) ribsAgree &= ribs[b] == names[b].StartsWith('T');
        var anyRibs = ribs.Any(r => r);
        if (ribsAgree && anyRibs) return new Result(names, "high", []);
        var warning = anyRibs
            ? new SpineWarning(SpineWarningCodes.C2CountDisagrees,
                "Counting down from C2 and the rib-bearing vertebrae disagree: a transitional level or a missed body; levels are counted from C2.")
            : new SpineWarning(SpineWarningCodes.SacrumNotFound, "S1 is not in view and no ribs to cross-check: levels were counted down from C2 alone.");
        return new Result(names, "low", [warning]);
    }

    /// <summary>Name of the body <paramref name="below"/> places under C2 on a normal spine.</summary>
    private static string NameBelowC2(int below) => below switch
    {
        <= 5 => "C" + Num(2 + below),
        <= 17 => "T" + Num(below - 5),
        <= 22 => "L" + Num(below - 17),
        _ => "S" + Num(below - 22),
    };

    private static Result LabelFromBelow(IReadOnlyList<bool> ribs, bool sacrum)
    {
        var n = ribs.Count;
        var names = new string[n];
        var warnings = new List<SpineWarning>();
        var mobileStart = sacrum ? 1 : 0;
        if (sacrum) names[0] = "S1";
        // The lowest rib-bearing body and how many bear ribs contiguously above it.
        var lastRib = -1;
        for (var b = mobileStart; b < n; b++) if (ribs[b]) { lastRib = b; break; }
        var ribCount = 0;
        if (lastRib >= 0) for (var b = lastRib; b < n && ribs[b]; b++) ribCount++;
        var high = true;

        if (lastRib >= 0 && (sacrum || lastRib > mobileStart))
        {
            // Lumbar levels are the mobile bodies below the last rib; thoracic ones are numbered up from it.
            var lumbar = lastRib - mobileStart;
            var thoracic = Math.Max(12, ribCount);
            for (var b = mobileStart; b < lastRib; b++) names[b] = "L" + Num(lumbar - (b - mobileStart));
            NameUpwardsFromThoracic(names, lastRib, thoracic);
            if (!sacrum)
            {
                high = false;
                warnings.Add(new SpineWarning(SpineWarningCodes.SacrumNotFound,
                    "S1 is not in view: levels were counted from the last rib-bearing vertebra (taken as T12) without a cross-check."));
            }
            else if (lumbar != 5 || ribCount > 12)
            {
                high = false;
                warnings.Add(new SpineWarning(SpineWarningCodes.TransitionalAnatomy,
                    $"{ribCount} rib-bearing and {lumbar} lumbar vertebrae: counting from S1 and from the last rib disagree; " +
                    $"levels follow the ribs (last rib-bearing T{Num(thoracic)})."));
            }
            if (ribCount > 12 && !warnings.Any(w => w.Code == SpineWarningCodes.TransitionalAnatomy))
                warnings.Add(new SpineWarning(SpineWarningCodes.TransitionalAnatomy, $"{ribCount} rib-bearing vertebrae."));
        }
        else if (sacrum)
        {
            // No ribs in view: count from S1 alone (L5 upwards); more than five rib-less levels contradicts normal anatomy.
            for (var b = 1; b < n; b++) names[b] = NameAboveSacrum(b);
            if (lastRib < 0 && n - 1 > 5)
            {
                high = false;
                warnings.Add(new SpineWarning(SpineWarningCodes.TransitionalAnatomy,
                    $"{n - 1} vertebrae above S1 without ribs: a sixth lumbar vertebra or hypoplastic 12th ribs."));
            }
            else if (lastRib >= 0)
            {
                // Ribs start right above S1: impossible in normal anatomy.
                high = false;
                warnings.Add(new SpineWarning(SpineWarningCodes.TransitionalAnatomy, "Rib-bearing vertebra directly above S1."));
            }
        }
        else
        {
            high = false;
            if (lastRib >= 0 && lastRib == mobileStart && ribCount == n)
            {
                // All in view bear ribs: assume the lowest is T12.
                NameUpwardsFromThoracic(names, 0, 12);
                warnings.Add(new SpineWarning(SpineWarningCodes.LabelsUnanchored,
                    "Neither S1 nor a vertebra without ribs is in view: levels assume the lowest rib-bearing vertebra is T12."));
            }
            else
            {
                for (var b = 0; b < n; b++) names[b] = NameAboveSacrum(b + 1);
                warnings.Add(new SpineWarning(SpineWarningCodes.LabelsUnanchored,
                    "Neither S1 nor ribs are in view: levels assume the lowest vertebra is L5."));
            }
        }
        return new Result(names, high ? "high" : "low", warnings);
    }

    private static void NameUpwardsFromThoracic(string[] names, int lastRib, int thoracic)
    {
        for (var b = lastRib; b < names.Length; b++)
        {
            var t = thoracic - (b - lastRib);
            names[b] = t >= 1 ? "T" + Num(t) : "C" + Num(7 + t);
        }
    }

    /// <summary>Name of the body <paramref name="above"/> places above S1 on a normal spine.</summary>
    private static string NameAboveSacrum(int above)
    {
        if (above <= 5) return "L" + Num(6 - above);
        var t = 12 - (above - 6);
        return t >= 1 ? "T" + Num(t) : "C" + Num(7 + t);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
