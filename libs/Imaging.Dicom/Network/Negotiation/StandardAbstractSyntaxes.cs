using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Ready-made <see cref="AssociationPolicy.AbstractSyntaxes"/> tables.</summary>
public static class StandardAbstractSyntaxes
{
    /// <summary>Uncompressed little endian first (every peer can send it), then every other known syntax, so that
    /// compressed instances are accepted and kept as received.</summary>
    public static IReadOnlyList<string> DefaultTransferSyntaxPreference { get; } = BuildDefaultPreference();

    /// <summary>Verification plus every storage SOP class in the UID table, each with <paramref name="transferSyntaxes"/>
    /// (default <see cref="DefaultTransferSyntaxPreference"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> VerificationAndStorage(IReadOnlyList<string>? transferSyntaxes = null)
    {
        transferSyntaxes ??= DefaultTransferSyntaxPreference;
        var table = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [DicomUids.Verification.Uid] = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid],
        };
        foreach (var uid in DicomUids.All)
        {
            if (uid.IsStorage) table[uid.Uid] = transferSyntaxes;
        }
        return table;
    }

    private static string[] BuildDefaultPreference()
    {
        var first = new[] { DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian };
        // Big endian is retired: accepted only when nothing else was proposed, so it is listed last.
        var rest = DicomTransferSyntax.All
            .Where(s => !s.IsUnknown && !first.Contains(s) && !s.IsBigEndian)
            .OrderBy(s => s.Uid, StringComparer.Ordinal);
        return [.. first.Select(s => s.Uid), .. rest.Select(s => s.Uid), DicomTransferSyntax.ExplicitVRBigEndian.Uid];
    }
}
