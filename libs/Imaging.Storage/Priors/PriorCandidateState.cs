namespace Imaging.Storage;

/// <summary>See <see cref="IPriorFetchStore.GetCandidateStateAsync"/>.</summary>
/// <param name="PatientFetches">Retrievals of the patient's studies tracked so far, in any state.</param>
/// <param name="Tracked">The candidates that already have a retrieval row.</param>
/// <param name="HeldInstances">Instances the index holds per candidate study (absent: none).</param>
public sealed record PriorCandidateState(int PatientFetches, IReadOnlySet<string> Tracked, IReadOnlyDictionary<string, int> HeldInstances);
