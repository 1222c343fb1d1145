using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Tracking UIDs of lesions: a deterministic 2.25 UID (PS3.5 B.2, UUID as a decimal integer) from the series and
/// the lesion id, so re-analysing a series gives the same UIDs and a follow-up can inherit them.</summary>
public static class LesionTracking
{
    /// <summary>The UID of lesion <paramref name="lesionId"/> first seen in series <paramref name="seriesInstanceUid"/>.</summary>
    public static string DeriveUid(string? seriesInstanceUid, string lesionId)
    {
        ArgumentNullException.ThrowIfNull(lesionId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"imaging/bone-scan/lesion/{seriesInstanceUid}/{lesionId}"), hash);
        // A name-based UUID: version 8 (custom hash, RFC 9562), RFC variant bits, so the integer is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var value = BinaryPrimitives.ReadUInt128BigEndian(hash[..16]);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="findings"/> with every lesion that has no tracking UID given its derived one.</summary>
    public static BoneScanFindings AssignMissing(BoneScanFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Lesions.All(l => l.TrackingUid is not null)) return findings;
        return findings with
        {
            Lesions = [.. findings.Lesions.Select(l => l.TrackingUid is null ? l with { TrackingUid = DeriveUid(findings.SeriesInstanceUid, l.Id) } : l)],
        };
    }
}
