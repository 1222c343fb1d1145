namespace Imaging.Api.Workspace;

/// <summary>Body of <c>GET /api/research/findings</c>: the finding search without names, IDs, UIDs or dates.</summary>
public sealed record ResearchFindingsResponse(IReadOnlyList<ResearchFindingRow> Items, int Limit, int Offset, int Total);

/// <summary>One de-identified findings row: keyed pseudonyms, and days from the patient's first study instead of dates.</summary>
public sealed record ResearchFindingRow(
    string Pseudonym,
    string StudyPseudonym,
    int? DaysFromFirstStudy,
    string Analyzer,
    int? LesionCount,
    int? NewCount,
    IReadOnlyList<string> FlaggedLevels);
