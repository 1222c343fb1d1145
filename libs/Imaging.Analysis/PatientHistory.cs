namespace Imaging.Analysis;

/// <summary>The patient's earlier findings and, when someone stated it, the date of the last therapy.</summary>
public sealed record PatientHistory(IReadOnlyList<PriorFindings> Findings)
{
    /// <summary>No earlier findings, no therapy known.</summary>
    public static PatientHistory Empty { get; } = new([]);

    /// <summary>A therapy date given explicitly (e.g. <c>imaging analyze --therapy-date</c>); it takes precedence over
    /// anything an analyzer infers from the findings.</summary>
    public DateOnly? TherapyDate { get; init; }
}
