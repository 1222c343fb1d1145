using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Imaging.Deidentification;

/// <summary>Keyed, deterministic replacements: HMAC-SHA256 under the research key of the original value, so the same
/// patient, study or UID maps to the same pseudonym in every export and timepoint, and nobody without the key can
/// map back or even test a guess.</summary>
/// <remarks>Thread-safe. Each kind of value has its own domain in the MAC ("patient", "study", "uid", "date-shift"),
/// so a patient ID that happens to equal a UID never maps to the same output.</remarks>
public sealed class Pseudonymizer
{
    /// <summary>Bytes of the MAC kept for patient and study pseudonyms: 80 bits, 16 base32 characters.</summary>
    private const int PseudonymBytes = 10;

    private readonly byte[] _key;

    /// <summary>Creates a pseudonymizer for <paramref name="key"/> (at least <see cref="PseudonymKey.MinimumLength"/> bytes),
    /// shifting dates back by <paramref name="minimumShiftDays"/> to <paramref name="maximumShiftDays"/> days.</summary>
    public Pseudonymizer(byte[] key, int minimumShiftDays = 366, int maximumShiftDays = 3652)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < PseudonymKey.MinimumLength)
            throw new ArgumentException($"The key must be at least {PseudonymKey.MinimumLength} bytes.", nameof(key));
        ArgumentOutOfRangeException.ThrowIfNegative(minimumShiftDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumShiftDays, minimumShiftDays);
        _key = (byte[])key.Clone();
        MinimumShiftDays = minimumShiftDays;
        MaximumShiftDays = maximumShiftDays;
    }

    /// <summary>Smallest date shift, in days back.</summary>
    public int MinimumShiftDays { get; }

    /// <summary>Largest date shift, in days back.</summary>
    public int MaximumShiftDays { get; }

    /// <summary>The pseudonymous patient ID, "P-" and 16 base32 characters; also used as the patient's name.</summary>
    public string Patient(string patientId) => "P-" + Base32(Mac("patient", patientId).AsSpan(0, PseudonymBytes));

    /// <summary>A pseudonymous study label, "S-" and 16 base32 characters (for tables; DICOM gets <see cref="Uid"/>).</summary>
    public string Study(string studyInstanceUid) => "S-" + Base32(Mac("study", studyInstanceUid).AsSpan(0, PseudonymBytes));

    /// <summary>A "2.25." UID (PS3.5 B.2) from 128 bits of the MAC of <paramref name="uid"/>: at most 44 characters.</summary>
    public string Uid(string uid)
    {
        var mac = Mac("uid", uid);
        var value = new BigInteger(mac.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Days to add to every date of this patient: negative, between −<see cref="MaximumShiftDays"/> and
    /// −<see cref="MinimumShiftDays"/>, the same for every study of the patient so intervals are kept.</summary>
    public int DateShiftDays(string patientId)
    {
        var mac = Mac("date-shift", patientId);
        var span = (ulong)(MaximumShiftDays - MinimumShiftDays + 1);
        var draw = BinaryPrimitives.ReadUInt64BigEndian(mac) % span;
        return -(MinimumShiftDays + (int)draw);
    }

    private byte[] Mac(string kind, string value) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + "\0" + value));

    /// <summary>RFC 4648 base32 without padding (10 bytes are exactly 16 characters).</summary>
    private static string Base32(ReadOnlySpan<byte> data)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
