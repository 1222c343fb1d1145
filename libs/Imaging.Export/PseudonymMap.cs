using System.Collections.Concurrent;
using Imaging.Deidentification;

namespace Imaging.Export;

/// <summary>Original patient IDs and UIDs → the values the de-identifier wrote, learnt from each instance it handled,
/// so the tables and the manifest use exactly the pseudonyms in the DICOM files. For an item never de-identified (its
/// blob unreadable) the keyed <see cref="Pseudonymizer"/> gives the same value the de-identifier would.</summary>
internal sealed class PseudonymMap(Pseudonymizer pseudonymizer, bool retainUids)
{
    private readonly ConcurrentDictionary<string, string> _patients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _uids = new(StringComparer.Ordinal);

    public void LearnPatient(string original, string pseudonym) => _patients.TryAdd(original, pseudonym);

    public void LearnUid(string original, string remapped) => _uids.TryAdd(original, remapped);

    public string Patient(string original) => _patients.TryGetValue(original, out var known) ? known : pseudonymizer.Patient(original);

    /// <summary>The exported form of a UID; null stays null.</summary>
    public string? Uid(string? original)
    {
        if (original is null) return null;
        if (_uids.TryGetValue(original, out var known)) return known;
        return retainUids ? original : pseudonymizer.Uid(original);
    }
}
