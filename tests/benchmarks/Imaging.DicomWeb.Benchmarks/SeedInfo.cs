namespace Imaging.DicomWeb.Benchmarks;

/// <summary>What the seeded index holds that scenarios can ask for: counts and a few known keys.</summary>
public sealed record SeedInfo(int Studies, int Series, int Instances, string StudyUid, string SeriesUid, string PatientId, string AccessionNumber);
