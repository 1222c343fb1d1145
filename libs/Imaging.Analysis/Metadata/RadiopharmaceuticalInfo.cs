namespace Imaging.Analysis.Metadata;

/// <summary>One item of the Radiopharmaceutical Information Sequence (0054,0016).</summary>
/// <param name="Radiopharmaceutical">Radiopharmaceutical (0018,0031), free text, e.g. "Tc99m MDP".</param>
/// <param name="RadiopharmaceuticalCode">Code meaning of the Radiopharmaceutical Code Sequence (0054,0304).</param>
/// <param name="Radionuclide">Code meaning of the Radionuclide Code Sequence (0054,0300), e.g. "^99m^Technetium".</param>
/// <param name="TotalDose">Radionuclide Total Dose (0018,1074) as recorded: MBq per the standard, though some PET writers
/// put Bq there.</param>
/// <param name="StartTime">Radiopharmaceutical Start Time (0018,1072).</param>
/// <param name="StartDateTime">Radiopharmaceutical Start DateTime (0018,1078).</param>
public sealed record RadiopharmaceuticalInfo(
    string? Radiopharmaceutical,
    string? RadiopharmaceuticalCode,
    string? Radionuclide,
    double? TotalDose,
    TimeOnly? StartTime,
    DateTimeOffset? StartDateTime);
