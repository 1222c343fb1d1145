using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Text;

/// <summary>The ISO/IEC 2022 based character sets of PS3.5 6.1.2.5: single-byte sets with or without code extensions,
/// and the multi-byte sets switched in by escape sequences.</summary>
/// <remarks>
/// Decoding follows every designation escape it knows, whether or not (0008,0005) declared the set, because the
/// escape states the writer's intent more reliably than a declaration that is often incomplete. The state returns to
/// the initial designations at each control character other than ESC (CR, LF, FF, TAB ...), at each value delimiter
/// '\' (not in LT, ST, UT, where it is text), and in PN also at '^' and '=' (PS3.5 6.1.2.5.3).
/// <para>Encoding uses only the declared sets, designates a set just before the first character that needs it, and
/// before every such delimiter and at the end of the value designates the initial sets again: G0 always, G1 when
/// there is an initial G1 set. An undefined initial G1 cannot be designated; readers reset it themselves, which is
/// why PS3.5 Examples I.2-1 and K.2-1 designate the multi-byte set again in every name component.</para>
/// </remarks>
internal sealed class Iso2022Codec : TextCodec
{
    private const int StackLimit = 512;

    private readonly CodeElement[] _allowed;

    /// <param name="initialG0">The G0 set in force at the start of a value and after each delimiter.</param>
    /// <param name="initialG1">The G1 set in force at the start of a value, or null when G1 starts undefined.</param>
    /// <param name="allowed">The sets the encoder may designate, in order of preference.</param>
    /// <param name="fallbackG1">Used by the decoder for bytes 0x80-0xFF while G1 is undefined; null makes them U+FFFD.</param>
    /// <param name="sniffUtf8">Decode values that are well-formed UTF-8 as UTF-8 (for undeclared or unknown sets).</param>
    public Iso2022Codec(CodeElement initialG0, CodeElement? initialG1, IEnumerable<CodeElement> allowed,
        CodeElement? fallbackG1 = null, bool sniffUtf8 = false)
    {
        InitialG0 = initialG0;
        InitialG1 = initialG1;
        _allowed = allowed.Distinct().ToArray();
        FallbackG1 = fallbackG1;
        SniffUtf8 = sniffUtf8;
    }

    public CodeElement InitialG0 { get; }
    public CodeElement? InitialG1 { get; }
    public CodeElement? FallbackG1 { get; }
    public bool SniffUtf8 { get; }

    public override bool IsPlainAscii(ReadOnlySpan<byte> bytes) =>
        !bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F) &&
        // Romaji differs from ASCII at 05/12 and 07/14.
        (InitialG0 == CodeElement.Ascii ? !bytes.Contains((byte)0x1B) : !bytes.ContainsAny((byte)0x1B, (byte)0x5C, (byte)0x7E));

    public override bool AsciiIsIdentity => InitialG0 == CodeElement.Ascii;

    // ---- decoding ----------------------------------------------------------------------------------------------

    public override string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (SniffUtf8 && !bytes.Contains((byte)0x1B) && Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);

        // Every byte yields at most one character, so the input length bounds the output.
        char[]? rented = null;
        var buffer = bytes.Length <= StackLimit
            ? stackalloc char[bytes.Length]
            : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            var length = Decode(bytes, buffer, vr);
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private int Decode(ReadOnlySpan<byte> bytes, Span<char> output, DicomVR vr)
    {
        var valueDelimiter = !DicomVRInfo.IsSingleValuedText(vr);
        var personName = vr == DicomVR.PN;
        var g0 = InitialG0;
        var g1 = InitialG1;
        var o = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == 0x1B)
            {
                i = Designate(bytes, i, ref g0, ref g1, output, ref o);
                continue;
            }
            if (b < 0x20 || b == 0x7F)
            {
                g0 = InitialG0;
                g1 = InitialG1;
                output[o++] = (char)b;
                i++;
                continue;
            }
            if (b == 0x20)
            {
                // SPACE is fixed at 02/00 whatever is designated to G0 (ISO/IEC 2022 6.3.2).
                output[o++] = ' ';
                i++;
                continue;
            }
            if (b < 0x80)
            {
                if (g0.IsDoubleByte)
                {
                    if (i + 1 < bytes.Length && bytes[i + 1] is >= 0x21 and <= 0x7E)
                    {
                        output[o++] = g0.Decode(b, bytes[i + 1]);
                        i += 2;
                    }
                    else
                    {
                        output[o++] = CodeElement.Undefined;
                        i++;
                    }
                    continue;
                }
                i++;
                var delimits = g0 == CodeElement.Ascii || g0 == CodeElement.Romaji;
                if (delimits && b == 0x5C && valueDelimiter)
                {
                    // 05/12 separates values even where JIS X 0201 draws it as YEN SIGN (PS3.5 H.1.1 note 3).
                    output[o++] = '\\';
                    g0 = InitialG0;
                    g1 = InitialG1;
                    continue;
                }
                output[o++] = g0.Decode(b);
                if (delimits && personName && b is 0x5E or 0x3D)
                {
                    g0 = InitialG0;
                    g1 = InitialG1;
                }
                continue;
            }

            var set = g1 ?? FallbackG1;
            if (set is null)
            {
                output[o++] = CodeElement.Undefined;
                i++;
            }
            else if (set.IsDoubleByte)
            {
                if (b is >= 0xA1 and <= 0xFE && i + 1 < bytes.Length && bytes[i + 1] is >= 0xA1 and <= 0xFE)
                {
                    output[o++] = set.Decode(b & 0x7F, bytes[i + 1] & 0x7F);
                    i += 2;
                }
                else
                {
                    output[o++] = CodeElement.Undefined;
                    i++;
                }
            }
            else
            {
                // 0x80-0x9F is the C1 control area; ISO 8859 decoders pass it through as U+0080-U+009F.
                output[o++] = b < 0xA0 ? (set.Is96 ? (char)b : CodeElement.Undefined) : set.Decode(b);
                i++;
            }
        }
        return o;
    }

    /// <summary>Reads the escape sequence at <paramref name="start"/> and returns the index after it.</summary>
    private static int Designate(ReadOnlySpan<byte> bytes, int start, ref CodeElement g0, ref CodeElement? g1, Span<char> output, ref int o)
    {
        // ISO/IEC 2022 13.1: ESC, intermediate bytes 02/00-02/15, one final byte 03/00-07/14.
        var j = start + 1;
        while (j < bytes.Length && bytes[j] is >= 0x20 and <= 0x2F) j++;
        if (j >= bytes.Length || bytes[j] is < 0x30 or > 0x7E)
        {
            output[o++] = CodeElement.Undefined;
            return start + 1;
        }
        var element = CodeElement.FromDesignation(bytes[(start + 1)..j], bytes[j], out var toG1);
        if (element is null) output[o++] = CodeElement.Undefined;
        else if (toG1) g1 = element;
        else g0 = element;
        return j + 1;
    }

    // ---- encoding ----------------------------------------------------------------------------------------------

    public override byte[] Encode(string text, DicomVR vr, out bool lossless)
    {
        // Each character costs at most two code bytes, one designation (up to 4 bytes) to reach its set and one more
        // to return from it.
        var rented = ArrayPool<byte>.Shared.Rent(text.Length * 10 + 16);
        try
        {
            var length = Encode(text, vr, rented, out lossless);
            return rented.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int Encode(string text, DicomVR vr, Span<byte> output, out bool lossless)
    {
        var valueDelimiter = !DicomVRInfo.IsSingleValuedText(vr);
        var personName = vr == DicomVR.PN;
        var g0 = InitialG0;
        var g1 = InitialG1;
        var o = 0;
        lossless = true;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != 0x1B) || c == 0x7F ||
                (c == '\\' && valueDelimiter) || (personName && c is '^' or '='))
            {
                ReturnToInitial(ref g0, ref g1, output, ref o);
                output[o++] = (byte)c;
                continue;
            }
            if (c == ' ' && !g0.IsDoubleByte)
            {
                output[o++] = 0x20;
                continue;
            }
            if (c == ' ')
            {
                Switch(InitialG0, ref g0, ref g1, output, ref o);
                output[o++] = 0x20;
                continue;
            }
            if (c is >= '\u0080' and <= '\u009F' && g1 is { Is96: true })
            {
                // C1 controls, as the decoder reads 0x80-0x9F under a 96-set: written back unchanged so that
                // reading and rewriting a value keeps its bytes.
                output[o++] = (byte)c;
                continue;
            }
            if (char.IsSurrogate(c) || c == 0x1B)
            {
                // No ISO 2022 set here has characters beyond the BMP; a raw ESC would be read as an escape sequence.
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                lossless = false;
                WriteQuestionMark(ref g0, ref g1, output, ref o);
                continue;
            }

            ushort code;
            if (TryEncode(g0, c, valueDelimiter, out code))
            {
                Write(code, g0, inG1: false, output, ref o);
                continue;
            }
            if (g1 is not null && TryEncode(g1, c, valueDelimiter, out code))
            {
                Write(code, g1, inG1: true, output, ref o);
                continue;
            }
            var target = Find(c, valueDelimiter, out code);
            if (target is null)
            {
                lossless = false;
                WriteQuestionMark(ref g0, ref g1, output, ref o);
                continue;
            }
            Switch(target, ref g0, ref g1, output, ref o);
            Write(code, target, target.DesignatesG1, output, ref o);
        }
        ReturnToInitial(ref g0, ref g1, output, ref o);
        return o;
    }

    private CodeElement? Find(char c, bool valueDelimiter, out ushort code)
    {
        foreach (var e in _allowed)
            if (TryEncode(e, c, valueDelimiter, out code)) return e;
        foreach (var e in _allowed)
            if (e.TryEncodeAlias(c, out code)) return e;
        code = 0;
        return null;
    }

    private static bool TryEncode(CodeElement e, char c, bool valueDelimiter, out ushort code) =>
        // In SH, LO, PN and UC the romaji YEN SIGN would be read back as a value delimiter.
        e.TryEncode(c, out code) && !(valueDelimiter && code == 0x5C && e == CodeElement.Romaji);

    private static void Write(ushort code, CodeElement set, bool inG1, Span<byte> output, ref int o)
    {
        var high = inG1 ? 0x80 : 0;
        if (set.IsDoubleByte) output[o++] = (byte)((code >> 8) | high);
        output[o++] = (byte)((code & 0xFF) | high);
    }

    private void WriteQuestionMark(ref CodeElement g0, ref CodeElement? g1, Span<byte> output, ref int o)
    {
        if (g0.IsDoubleByte) Switch(InitialG0, ref g0, ref g1, output, ref o);
        output[o++] = (byte)'?';
    }

    private static void Switch(CodeElement target, ref CodeElement g0, ref CodeElement? g1, Span<byte> output, ref int o)
    {
        if (target.DesignatesG1 ? g1 == target : g0 == target) return;
        target.Designation.CopyTo(output[o..]);
        o += target.Designation.Length;
        if (target.DesignatesG1) g1 = target;
        else g0 = target;
    }

    private void ReturnToInitial(ref CodeElement g0, ref CodeElement? g1, Span<byte> output, ref int o)
    {
        if (g0 != InitialG0) Switch(InitialG0, ref g0, ref g1, output, ref o);
        if (g1 != InitialG1)
        {
            // An undefined initial G1 cannot be designated; readers reset it themselves (PS3.5 K.2 note 2).
            if (InitialG1 is not null) Switch(InitialG1, ref g0, ref g1, output, ref o);
            else g1 = null;
        }
    }
}
