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

/// <summary>Character sets that are not ISO 2022 based and need no corrections (UTF-8, and Shift_JIS read
/// leniently): the framework's encoders do the work.</summary>
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

/// <summary>GB 18030 and GBK. The framework implements GB 18030-2000; this corrects the 25 two-byte codes that
/// GB 18030-2005 and -2022 moved out of the private use area (the GNU C library, hence DCMTK, uses the new
/// mappings). GBK is read as GB 18030, of which it is the two-byte part (PS3.5 Annex J), and written without
/// four-byte codes; code page 936 is avoided because it turns bytes GBK does not define into private-use
/// characters instead of U+FFFD.</summary>
internal sealed class Gb18030Codec : TextCodec
{
    private const int CodePage = 54936;

    // The code each private-use character of the 2000 edition now stands for, by two-byte code:
    // A6D9-A6DF, A6EC, A6ED, A6F3 (vertical punctuation), A8BC, FE51-FEA0 (CJK).
    private static readonly (char Private, int CodePoint)[] Moved =
    [
        ('\uE78D', 0xFE10), ('\uE78E', 0xFE12), ('\uE78F', 0xFE11), ('\uE790', 0xFE13), ('\uE791', 0xFE14),
        ('\uE792', 0xFE15), ('\uE793', 0xFE16), ('\uE794', 0xFE17), ('\uE795', 0xFE18), ('\uE796', 0xFE19),
        ('\uE7C7', 0x1E3F), ('\uE816', 0x20087), ('\uE817', 0x20089), ('\uE818', 0x200CC), ('\uE81E', 0x9FB4),
        ('\uE826', 0x9FB5), ('\uE82B', 0x9FB6), ('\uE82C', 0x9FB7), ('\uE831', 0x215D7), ('\uE832', 0x9FB8),
        ('\uE83B', 0x2298F), ('\uE843', 0x9FB9), ('\uE854', 0x9FBA), ('\uE855', 0x241FE), ('\uE864', 0x9FBB),
    ];

    private static readonly Dictionary<char, string> ToStandard = Moved.ToDictionary(m => m.Private, m => char.ConvertFromUtf32(m.CodePoint));
    private static readonly Dictionary<int, char> ToPrivate = Moved.ToDictionary(m => m.CodePoint, m => m.Private);

    private readonly bool _twoByteOnly;
    private readonly Lazy<Encoding> _lenient = new(static () => CodePages.Get(CodePage));
    private readonly Lazy<Encoding> _strict = new(static () => CodePages.Get(CodePage, strict: true));

    private Gb18030Codec(bool twoByteOnly) => _twoByteOnly = twoByteOnly;

    public static readonly Gb18030Codec Gb18030 = new(false);
    public static readonly Gb18030Codec Gbk = new(true);

    public override bool IsPlainAscii(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F);

    public override bool AsciiIsIdentity => true;

    public override string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = _lenient.Value.GetString(bytes);
        if (!text.AsSpan().ContainsAnyInRange('\uE78D', '\uE864')) return text;
        var sb = new StringBuilder(text.Length + 4);
        foreach (var c in text) sb.Append(ToStandard.TryGetValue(c, out var s) ? s : c);
        return sb.ToString();
    }

    public override byte[] Encode(string text, DicomVR vr, out bool lossless)
    {
        text = ToPrivateUse(text);
        byte[]? bytes = null;
        try
        {
            bytes = _strict.Value.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
        }
        lossless = bytes is not null && !(_twoByteOnly && HasFourByteCodes(bytes));
        if (lossless) return bytes!;

        // Some character has no code here: encode rune by rune so that only those become '?'.
        var output = new List<byte>(text.Length * 2);
        Span<char> chars = stackalloc char[2];
        Span<byte> code = stackalloc byte[8];
        foreach (var rune in text.EnumerateRunes())
        {
            var n = _lenient.Value.GetBytes(chars[..rune.EncodeToUtf16(chars)], code);
            var unencodable = (n == 1 && code[0] == (byte)'?' && rune.Value != '?') || (_twoByteOnly && n == 4);
            if (unencodable) output.Add((byte)'?');
            else output.AddRange(code[..n]);
        }
        return output.ToArray();
    }

    private static string ToPrivateUse(string text)
    {
        // All moved characters are U+1E3F, U+9FB4-U+9FBB, U+FE10-U+FE19 or in planes 2 (high surrogates D840-D850).
        var span = text.AsSpan();
        if (!span.Contains('\u1E3F') && !span.ContainsAnyInRange('\u9FB4', '\u9FBB') &&
            !span.ContainsAnyInRange('\uFE10', '\uFE19') && !span.ContainsAnyInRange('\uD840', '\uD850'))
            return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (ToPrivate.TryGetValue(rune.Value, out var c)) sb.Append(c);
            else sb.Append(rune.ToString());
        }
        return sb.ToString();
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
