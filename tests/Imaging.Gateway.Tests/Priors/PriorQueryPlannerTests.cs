using Imaging.Gateway.Priors;
using Imaging.Storage;

namespace Imaging.Gateway.Tests.Priors;

public sealed class PriorQueryPlannerTests
{
    private static readonly PriorQueryWork Work = new("1.2.9", "P1", "20260301", 1);

    private static readonly Dictionary<string, (DateOnly From, DateOnly To)> Windows = new()
    {
        ["pacs"] = PriorQueryPlanner.Window("20260301", new DateOnly(2026, 6, 1), 365),
    };

    private static readonly Dictionary<string, IReadOnlyList<string>> Wanted = new() { ["pacs"] = ["NM", "CT"] };

    private static PriorCandidateState Empty => new(0, new HashSet<string>(), new Dictionary<string, int>());

    private static PriorStudyMatch Match(string uid, string date, string modality = "NM", int? instances = 2, string? patient = "P1") =>
        new("pacs", uid, date, new HashSet<string> { modality }, instances, patient);

    [Fact]
    public void The_window_looks_back_from_the_arriving_studys_date_or_today_without_one()
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal("20210302-20260301", PriorQueryPlanner.RangeKey(PriorQueryPlanner.Window("20260301", today, 1825)));
        Assert.Equal("20260502-20260601", PriorQueryPlanner.RangeKey(PriorQueryPlanner.Window(null, today, 30)));
        Assert.Equal("20260502-20260601", PriorQueryPlanner.RangeKey(PriorQueryPlanner.Window("2026-03-01", today, 30)));
    }

    [Fact]
    public void Only_wanted_modalities_of_the_same_patient_within_the_window_are_fetched()
    {
        var (fetches, decisions) = PriorQueryPlanner.Plan(Work,
            [Match("1.2.1", "20251201"), Match("1.2.2", "20251101", "MR"), Match("1.2.3", "20240101"), Match("1.2.4", "20251001", patient: "P2"),
             Match("1.2.9", "20260301"), Match("not a uid", "20251201"), Match("1.2.5", "20251201", "CT")],
            Windows, Wanted, Empty, 10);

        Assert.Equal(["1.2.1", "1.2.5"], fetches.Select(f => f.StudyInstanceUid).Order());
        Assert.Equal(PriorPlanOutcome.ModalityNotWanted, Outcome(decisions, "1.2.2"));
        Assert.Equal(PriorPlanOutcome.OutsideWindow, Outcome(decisions, "1.2.3"));
        Assert.Equal(PriorPlanOutcome.OtherPatient, Outcome(decisions, "1.2.4"));
        Assert.Equal(PriorPlanOutcome.SameStudy, Outcome(decisions, "1.2.9"));
        Assert.Equal(PriorPlanOutcome.InvalidUid, Outcome(decisions, "not a uid"));
    }

    [Fact]
    public void Studies_held_completely_or_already_tracked_are_not_fetched_again()
    {
        var state = new PriorCandidateState(1, new HashSet<string> { "1.2.3" }, new Dictionary<string, int> { ["1.2.1"] = 2, ["1.2.2"] = 1, ["1.2.4"] = 5 });

        var (fetches, decisions) = PriorQueryPlanner.Plan(Work,
            [Match("1.2.1", "20251201", instances: 2), Match("1.2.2", "20251201", instances: 3), Match("1.2.3", "20251201"),
             Match("1.2.4", "20251201", instances: null)],
            Windows, Wanted, state, 10);

        Assert.Equal(["1.2.2"], fetches.Select(f => f.StudyInstanceUid));
        Assert.Equal(PriorPlanOutcome.AlreadyHeld, Outcome(decisions, "1.2.1"));
        Assert.Equal(PriorPlanOutcome.AlreadyTracked, Outcome(decisions, "1.2.3"));
        Assert.Equal(PriorPlanOutcome.AlreadyHeld, Outcome(decisions, "1.2.4"));
    }

    [Fact]
    public void The_per_patient_cap_keeps_the_newest_priors()
    {
        var state = new PriorCandidateState(1, new HashSet<string>(), new Dictionary<string, int>());

        var (fetches, decisions) = PriorQueryPlanner.Plan(Work,
            [Match("1.2.1", "20250601"), Match("1.2.2", "20251201"), Match("1.2.3", "20250901")], Windows, Wanted, state, 3);

        Assert.Equal(["1.2.2", "1.2.3"], fetches.Select(f => f.StudyInstanceUid));
        Assert.Equal(PriorPlanOutcome.OverCap, Outcome(decisions, "1.2.1"));
    }

    private static PriorPlanOutcome Outcome(IReadOnlyList<PriorPlanDecision> decisions, string uid) => decisions.Single(d => d.StudyInstanceUid == uid).Outcome;
}
