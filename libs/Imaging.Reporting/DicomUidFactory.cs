using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Reporting;

/// <summary>New UIDs under the 2.25 root (PS3.5 B.2): a random UUID as one decimal integer, so no registered root is needed.</summary>
public static class DicomUidFactory
{
    /// <summary>A new random UID.</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
        return "2.25." + new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The same UID for the same <paramref name="parts"/>, every time: a name-based UUID (the first 128 bits of
    /// SHA-256 over the parts, with the RFC 9562 version 8 and variant bits set) under 2.25, so that rebuilding an object
    /// from the same inputs (a redelivered message) gives the same SOP Instance UID and a receiver sees a duplicate, not a
    /// second report.</summary>
    public static string FromName(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("A name-based UID needs at least one part.", nameof(parts));
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            // Length-prefixed so ("ab","c") and ("a","bc") differ.
            builder.Append(part.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="uid"/> is a syntactically valid UID (PS3.5 9.1: digits and dots, no leading zeros, at most 64 characters).</summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64) return false;
        foreach (var part in uid.Split('.'))
        {
            if (part.Length == 0 || (part.Length > 1 && part[0] == '0')) return false;
            foreach (var ch in part) if (ch is < '0' or > '9') return false;
        }
        return true;
    }
}
