using System.Collections.Concurrent;
using Imaging.Export.Manifest;

namespace Imaging.Export;

/// <summary>What one export accumulates while its workers run: files written, items held back, the studies exported
/// (original identifiers, for the audit log only) and the pseudonymous patients, studies and series written.</summary>
internal sealed class ExportRunState(PseudonymMap pseudonyms, ExportProgressReporter progress)
{
    public PseudonymMap Pseudonyms { get; } = pseudonyms;
    public ExportProgressReporter Progress { get; } = progress;
    public ConcurrentQueue<ManifestFile> Files { get; } = new();
    public ConcurrentQueue<ManifestItem> Quarantined { get; } = new();
    public ConcurrentQueue<ManifestItem> Failed { get; } = new();

    /// <summary>Relative paths taken: two instances whose sanitised names collide must not overwrite each other.</summary>
    public ConcurrentDictionary<string, byte> Paths { get; } = new(StringComparer.Ordinal);

    /// <summary>(original patient ID, original study UID) of every study with an exported instance.</summary>
    public ConcurrentDictionary<(string PatientId, string StudyInstanceUid), byte> AuditedStudies { get; } = new();

    public ConcurrentDictionary<string, byte> ExportedPatients { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, byte> ExportedStudies { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, byte> ExportedSeries { get; } = new(StringComparer.Ordinal);

    /// <summary>Each original patient's earliest study date in the cohort (written by the single producer, read after it).</summary>
    public Dictionary<string, DateOnly> FirstStudyDates { get; } = new(StringComparer.Ordinal);
}
