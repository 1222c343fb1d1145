namespace Imaging.Export.Tables;

/// <summary>The rows of the three findings tables of one export.</summary>
internal sealed record FindingsTables(IReadOnlyList<FindingsRow> Findings, IReadOnlyList<VertebraRow> Vertebrae, IReadOnlyList<LesionRow> Lesions);
