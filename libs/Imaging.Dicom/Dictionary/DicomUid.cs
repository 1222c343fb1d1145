using System.Collections.Frozen;

namespace Imaging.Dicom.Dictionary;

/// <summary>What a registered UID identifies (the "UID Type" column of PS3.6 Table A-1).</summary>
public enum DicomUidType
{
    TransferSyntax,
    SopClass,
    MetaSopClass,
    WellKnownSopInstance,
    ApplicationContextName,
    CodingScheme,
    /// <summary>Well-known frames of reference, including the synchronization frame of reference (UTC).</summary>
    FrameOfReference,
    /// <summary>Service classes, application hosting models, mapping resources and other registry entries.</summary>
    Other,
}

/// <summary>A UID from the DICOM registry (PS3.6 Annex A) with its keyword, name and kind.</summary>
/// <param name="Keyword">The PS3.6 keyword, e.g. "CTImageStorage"; empty for a UID the registry does not list.</param>
/// <param name="IsStorage">A SOP class transferred with C-STORE: the Storage service class (PS3.4 Annex B) and the
/// Non-Patient Object Storage service class (PS3.4 Annex GG), including retired ones.</param>
public sealed record DicomUid(string Uid, string Keyword, string Name, DicomUidType Type, bool IsRetired, bool IsStorage)
{
    private static readonly char[] Padding = ['\0', ' '];

    /// <summary>False for the placeholder <see cref="Lookup"/> returns for a UID the registry does not list.</summary>
    public bool IsKnown => Keyword.Length > 0;

    public override string ToString() => $"{Name} ({Uid})";

    /// <summary>Finds a registered UID; a trailing NUL or space (UI padding to even length) is ignored.</summary>
    public static bool TryLookup(string uid, out DicomUid entry)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return Registry.ByUid.TryGetValue(uid.TrimEnd(Padding), out entry!);
    }

    /// <summary>The registered UID, or for an unregistered one (private SOP classes, instance UIDs) an entry of type
    /// <see cref="DicomUidType.Other"/> named "Unknown" with <see cref="IsKnown"/> false, so callers need no exception
    /// handling for UIDs they merely display.</summary>
    public static DicomUid Lookup(string uid) =>
        TryLookup(uid, out var entry) ? entry : new DicomUid(uid.TrimEnd(Padding), string.Empty, "Unknown", DicomUidType.Other, false, false);

    /// <summary>Built on first lookup, after DicomUids has initialised every field.</summary>
    private static class Registry
    {
        public static readonly FrozenDictionary<string, DicomUid> ByUid = DicomUids.All.ToFrozenDictionary(u => u.Uid, StringComparer.Ordinal);
    }
}
