using System.Numerics;

namespace Imaging.Reporting;

/// <summary>New UIDs under the 2.25 root (PS3.5 B.2): a random UUID as one decimal integer, so no registered root is needed.</summary>
public static class DicomUidFactory
{
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
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
