namespace Imaging.Storage;

/// <summary>The size of a cohort before it is exported: for progress totals and for refusing an empty export.</summary>
public sealed record ExportCohortSize(int Patients, int Studies, int Series, int Instances, long Bytes);
