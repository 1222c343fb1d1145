using System.Globalization;
using Imaging.Dicom.Network;
using Imaging.Storage;

namespace Imaging.Gateway.Priors;

/// <summary>The pure part of prior retrieval: the look-back window and which reported studies to retrieve.</summary>
public static class PriorQueryPlanner
{
    /// <summary>The StudyDate window: <paramref name="lookBackDays"/> before the arriving study's date up to that date
    /// (today when the study has no usable date).</summary>
    public static (DateOnly From, DateOnly To) Window(string? studyDate, DateOnly today, int lookBackDays)
    {
        var to = ParseDate(studyDate) ?? today;
        return (to.AddDays(-lookBackDays), to);
    }

    /// <summary>The window as a DA range matching key (PS3.4 C.2.2.2.5).</summary>
    public static string RangeKey((DateOnly From, DateOnly To) window) =>
        $"{window.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{window.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Decides for each reported study: the retrievals to add (newest first, within the patient's cap) and a decision for every match.</summary>
    /// <param name="windows">The look-back window of each source, by source name.</param>
    /// <param name="wanted">The wanted modalities of each source, by source name.</param>
    public static (IReadOnlyList<PriorFetchRequest> Fetches, IReadOnlyList<PriorPlanDecision> Decisions) Plan(PriorQueryWork work,
        IReadOnlyList<PriorStudyMatch> matches, IReadOnlyDictionary<string, (DateOnly From, DateOnly To)> windows,
        IReadOnlyDictionary<string, IReadOnlyList<string>> wanted, PriorCandidateState state, int maximumStudiesPerPatient)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(state);
        var decisions = new List<PriorPlanDecision>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var eligible = new List<PriorStudyMatch>();
        foreach (var match in matches)
        {
            var outcome = Judge(work, match, windows, wanted, state, seen);
            if (outcome == PriorPlanOutcome.Fetch) eligible.Add(match);
            else decisions.Add(new PriorPlanDecision(match.StudyInstanceUid, match.Source, outcome));
        }

        var room = Math.Max(0, maximumStudiesPerPatient - state.PatientFetches);
        var fetches = new List<PriorFetchRequest>();
        // The newest priors matter most for a comparison: they go first when the cap cuts.
        foreach (var match in eligible.OrderByDescending(m => ParseDate(m.StudyDate) ?? DateOnly.MinValue).ThenBy(m => m.StudyInstanceUid, StringComparer.Ordinal))
        {
            if (fetches.Count >= room)
            {
                decisions.Add(new PriorPlanDecision(match.StudyInstanceUid, match.Source, PriorPlanOutcome.OverCap));
                continue;
            }
            fetches.Add(new PriorFetchRequest(match.StudyInstanceUid, work.PatientId, match.Source, match.StudyDate, match.NumberOfInstances));
            decisions.Add(new PriorPlanDecision(match.StudyInstanceUid, match.Source, PriorPlanOutcome.Fetch));
        }
        return (fetches, decisions);
    }

    private static PriorPlanOutcome Judge(PriorQueryWork work, PriorStudyMatch match, IReadOnlyDictionary<string, (DateOnly From, DateOnly To)> windows,
        IReadOnlyDictionary<string, IReadOnlyList<string>> wanted, PriorCandidateState state, HashSet<string> seen)
    {
        if (!DicomUidValidator.IsValid(match.StudyInstanceUid)) return PriorPlanOutcome.InvalidUid;
        if (match.StudyInstanceUid == work.StudyInstanceUid) return PriorPlanOutcome.SameStudy;
        if (!seen.Add(match.StudyInstanceUid)) return PriorPlanOutcome.Duplicate;
        // An absent Patient ID in a response is the PACS not returning the key; a different one is another patient.
        if (!string.IsNullOrEmpty(match.PatientId) && !string.Equals(match.PatientId.Trim(), work.PatientId.Trim(), StringComparison.Ordinal))
            return PriorPlanOutcome.OtherPatient;
        var modalities = wanted.TryGetValue(match.Source, out var w) ? w : PriorSourceOptions.DefaultModalities;
        if (!match.Modalities.Any(m => modalities.Contains(m, StringComparer.OrdinalIgnoreCase))) return PriorPlanOutcome.ModalityNotWanted;
        if (windows.TryGetValue(match.Source, out var window) && ParseDate(match.StudyDate) is { } date && (date < window.From || date > window.To))
            return PriorPlanOutcome.OutsideWindow;
        if (state.Tracked.Contains(match.StudyInstanceUid)) return PriorPlanOutcome.AlreadyTracked;
        if (state.HeldInstances.TryGetValue(match.StudyInstanceUid, out var held) && held > 0)
        {
            // Without a count from the PACS, a study we hold any of is taken as held: retrieving it again would replace
            // every instance and send its series round the analysis again for nothing.
            if (match.NumberOfInstances is not { } expected || held >= expected) return PriorPlanOutcome.AlreadyHeld;
        }
        return PriorPlanOutcome.Fetch;
    }

    internal static DateOnly? ParseDate(string? da) =>
        DateOnly.TryParseExact(da?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
