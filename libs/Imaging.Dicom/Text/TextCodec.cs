using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Text;

/// <summary>Turns the bytes of text values into strings and back for one Specific Character Set.</summary>
internal abstract class TextCodec
{
    /// <summary>Whether decoding <paramref name="bytes"/> is a plain ASCII copy (the fast path for most values).</summary>
    public abstract bool IsPlainAscii(ReadOnlySpan<byte> bytes);

    /// <summary>Whether a string of ASCII characters other than ESC encodes to the same bytes.</summary>
    public abstract bool AsciiIsIdentity { get; }

    public abstract string Decode(ReadOnlySpan<byte> bytes, DicomVR vr);

    /// <summary>Encodes <paramref name="text"/>, writing '?' for characters the set cannot represent;
    /// <paramref name="lossless"/> tells whether that happened.</summary>
    public abstract byte[] Encode(string text, DicomVR vr, out bool lossless);
}

/// <summary>Character sets that are not ISO 2022 based (UTF-8, GB 18030, GBK, and Shift_JIS read leniently): the
/// framework's encoders do the work.</summary>
internal sealed class VariableLengthCodec : TextCodec
{
    private readonly Lazy<Encoding> _lenient;
    private readonly Lazy<Encoding> _strict;

    private VariableLengthCodec(Func<Encoding> lenient, Func<Encoding> strict)
    {
        _lenient = new Lazy<Encoding>(lenient);
        _strict = new Lazy<Encoding>(strict);
    }

    // UTF8Encoding without throwOnInvalidBytes already replaces malformed sequences with U+FFFD.
    public static readonly VariableLengthCodec Utf8 = new(
        static () => new UTF8Encoding(false, false), static () => new UTF8Encoding(false, true));

    public static VariableLengthCodec ForCodePage(int codePage) =>
        new(() => CodePages.Get(codePage), () => CodePages.Get(codePage, strict: true));

    /// <summary>GBK read through the GB 18030 decoder, whose two-byte part it is (PS3.5 Annex J): code page 936 would
    /// turn bytes GBK does not define into private-use characters instead of U+FFFD.</summary>
    public static readonly TextCodec Gbk = new GbkCodec();

    public override bool IsPlainAscii(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F);

    public override bool AsciiIsIdentity => true;

    public override string Decode(ReadOnlySpan<byte> bytes, DicomVR vr) => _lenient.Value.GetString(bytes);

    public override byte[] Encode(string text, DicomVR vr, out bool lossless)
    {
        try
        {
            var bytes = _strict.Value.GetBytes(text);
            lossless = true;
            return bytes;
        }
        catch (EncoderFallbackException)
        {
            lossless = false;
            return _lenient.Value.GetBytes(text);
        }
    }
}

/// <summary>GBK: decoded as GB 18030, encoded as GB 18030 restricted to its one- and two-byte codes.</summary>
internal sealed class GbkCodec : TextCodec
{
    private const int Gb18030 = 54936;
    private readonly Lazy<Encoding> _lenient = new(static () => CodePages.Get(Gb18030));
    private readonly Lazy<Encoding> _strict = new(static () => CodePages.Get(Gb18030, strict: true));

    public override bool IsPlainAscii(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F);

    public override bool AsciiIsIdentity => true;

    public override string Decode(ReadOnlySpan<byte> bytes, DicomVR vr) => _lenient.Value.GetString(bytes);

    public override byte[] Encode(string text, DicomVR vr, out bool lossless)
    {
        byte[]? bytes = null;
        try
        {
            bytes = _strict.Value.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
        }
        lossless = bytes is not null && !HasFourByteCodes(bytes);
        if (lossless) return bytes!;

        // Some character is beyond GBK: encode rune by rune so that only those become '?'.
        var output = new List<byte>(text.Length * 2);
        Span<char> chars = stackalloc char[2];
        Span<byte> code = stackalloc byte[8];
        foreach (var rune in text.EnumerateRunes())
        {
            var n = _lenient.Value.GetBytes(chars[..rune.EncodeToUtf16(chars)], code);
            if (n == 4 || (n == 1 && code[0] == (byte)'?' && rune.Value != '?')) output.Add((byte)'?');
            else output.AddRange(code[..n]);
        }
        return output.ToArray();
    }

    // GB 18030 four-byte codes have a digit (0x30-0x39) as second byte; two-byte codes never do.
    private static bool HasFourByteCodes(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80) continue;
            if (i + 1 < bytes.Length && bytes[i + 1] is >= 0x30 and <= 0x39) return true;
            i++;
        }
        return false;
    }
}
