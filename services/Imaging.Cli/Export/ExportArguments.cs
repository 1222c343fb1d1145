namespace Imaging.Cli.Export;

/// <summary>The options of one `imaging export` run, as given.</summary>
internal sealed record ExportArguments(
    IReadOnlyList<string> Patients,
    string? PatientsFile,
    IReadOnlyList<string> Modalities,
    string? From,
    string? To,
    int? MinLesions,
    string? FlaggedLevel,
    bool AnyFlagged,
    bool All,
    string Output,
    string? Profile,
    bool Json,
    bool Quiet,
    string? Config,
    string? Data,
    string? Postgres);
