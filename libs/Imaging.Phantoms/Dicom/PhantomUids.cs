using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Phantoms.Dicom;

/// <summary>UUID-derived UIDs (PS3.5 B.2, root 2.25) made from a hash of the phantom's salt and the UID's purpose, so
/// a seed always gives the same UIDs and different seeds practically never collide.</summary>
internal static class PhantomUids
{
    public static string Derive(string salt, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"imaging.phantoms|{salt}|{purpose}"));
        var uuid = hash.AsSpan(0, 16).ToArray();
        // Version 8 (custom) and the RFC 9562 variant, so the value is a well-formed UUID.
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(uuid, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Digits for a patient ID, from the same hash.</summary>
    public static string Digits(string salt, int count)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"imaging.phantoms|{salt}|patient"));
        var value = new BigInteger(hash, isUnsigned: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return value[..count];
    }
}
