namespace Imaging.Export.Manifest;

/// <summary>Everything manifest.json records of one export; built only from pseudonyms, exported UIDs and counts.</summary>
internal sealed record ExportManifest(
    string ExportId,
    DateTimeOffset Created,
    string ToolVersion,
    string RequestedBy,
    IReadOnlyList<string> Profile,
    ManifestSelection Selection,
    ManifestCounts Counts,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ManifestItem> Quarantined,
    IReadOnlyList<ManifestItem> Failed);

/// <summary>The selection criteria, with the requested patients as pseudonyms.</summary>
internal sealed record ManifestSelection(
    IReadOnlyList<string> Patients,
    IReadOnlyList<string> Modalities,
    DateOnly? StudyDateFrom,
    DateOnly? StudyDateTo,
    int? MinimumLesionCount,
    string? FlaggedLevel,
    bool AnyFlaggedLevel);

/// <summary>What the export holds.</summary>
internal sealed record ManifestCounts(int Patients, int Studies, int Series, int Exported, int Quarantined, int Failed, long DicomBytes);
