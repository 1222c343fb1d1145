namespace Imaging.Storage;

/// <summary>One page of a patient search and how many patients matched in all.</summary>
public sealed record PatientPage(IReadOnlyList<PatientSummary> Items, int Total);
