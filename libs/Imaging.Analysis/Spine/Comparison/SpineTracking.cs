using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Analysis.Spine.Comparison;

/// <summary>Tracking UIDs of vertebral levels: a deterministic 2.25 UID (PS3.5 B.2, a UUID as a decimal integer) from the
/// series and the level, so re-analysing a series gives the same UIDs and a follow-up can inherit them.</summary>
public static class SpineTracking
{
    /// <summary>The UID of <paramref name="level"/> first seen in series <paramref name="seriesInstanceUid"/>.</summary>
    public static string DeriveUid(string? seriesInstanceUid, string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"imaging/spine/vertebra/{seriesInstanceUid}/{level}"), hash);
        // A name-based UUID: version 8 (custom hash, RFC 9562) with the RFC variant bits, so the integer is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var value = BinaryPrimitives.ReadUInt128BigEndian(hash[..16]);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="findings"/> with every level that has no tracking UID given its derived one.</summary>
    public static SpineFindings AssignMissing(SpineFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Vertebrae.All(v => v.TrackingUid is not null)) return findings;
        return findings with
        {
            Vertebrae = [.. findings.Vertebrae.Select(v => v.TrackingUid is null ? v with { TrackingUid = DeriveUid(findings.SeriesInstanceUid, v.Level) } : v)],
        };
    }
}
