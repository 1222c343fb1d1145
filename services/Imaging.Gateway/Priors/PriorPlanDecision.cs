namespace Imaging.Gateway.Priors;

/// <summary>What planning decided for one reported study, and why (logged, and asserted by tests).</summary>
public sealed record PriorPlanDecision(string StudyInstanceUid, string Source, PriorPlanOutcome Outcome);

/// <summary>The outcome of planning one reported study.</summary>
public enum PriorPlanOutcome
{
    /// <summary>Retrieved.</summary>
    Fetch,
    /// <summary>The arriving study itself.</summary>
    SameStudy,
    /// <summary>Its UID is not a valid UID.</summary>
    InvalidUid,
    /// <summary>Another patient's (the PACS matched loosely).</summary>
    OtherPatient,
    /// <summary>None of the wanted modalities (the PACS ignored ModalitiesInStudy), or its modalities are unknown.</summary>
    ModalityNotWanted,
    /// <summary>Outside the look-back window (the PACS ignored the date range).</summary>
    OutsideWindow,
    /// <summary>Already tracked: being retrieved, retrieved, or given up.</summary>
    AlreadyTracked,
    /// <summary>The index holds it completely.</summary>
    AlreadyHeld,
    /// <summary>Over the per-patient cap (older studies go first).</summary>
    OverCap,
    /// <summary>Reported by an earlier source already.</summary>
    Duplicate,
}
