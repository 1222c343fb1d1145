namespace Imaging.Storage;

/// <summary>Totals for health, metrics and the fault tests (sent = stored = indexed = processed).</summary>
public sealed record StoreCounts(long Patients, long Studies, long Series, long Instances, long PendingOutbox, long FindingsRecords);
