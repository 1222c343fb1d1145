using System.Collections.Frozen;
using System.Text;

namespace Imaging.Dicom.Text;

/// <summary>One ISO/IEC 2022 graphic character set (PS3.3 Tables C.12-2 to C.12-4): how it is designated and how
/// its 7-bit codes map to Unicode.</summary>
/// <remarks>Codes are kept 7-bit (0x21-0x7E, or 0x20-0x7F for 96-sets); the decoder and encoder add the high bit
/// when the set is invoked in G1. Mapping tables are built on first use from the framework's code pages and
/// corrected where those differ from the registered sets (the corrections agree with the GNU C library, which is
/// what DCMTK uses on Linux).</remarks>
internal sealed class CodeElement
{
    public const char Undefined = '\uFFFD';

    private readonly Func<char[]> _build;
    private readonly Func<int, bool> _encodableRow;
    private readonly (char Char, ushort Code)[] _aliases;
    private char[]? _table;
    private FrozenDictionary<char, ushort>? _encode;
    private FrozenDictionary<char, ushort>? _encodeAliases;

    private CodeElement(string name, bool isDoubleByte, bool is96, bool designatesG1, string designation,
        Func<char[]> build, Func<int, bool>? encodableRow = null, (char, ushort)[]? aliases = null)
    {
        Name = name;
        IsDoubleByte = isDoubleByte;
        Is96 = is96;
        DesignatesG1 = designatesG1;
        Designation = Encoding.ASCII.GetBytes("\u001B" + designation);
        _build = build;
        _encodableRow = encodableRow ?? (static _ => true);
        _aliases = aliases ?? [];
    }

    /// <summary>The ISO registration, for messages.</summary>
    public string Name { get; }

    public bool IsDoubleByte { get; }

    /// <summary>A 96-character set: 0xA0 and 0xFF are graphic characters too.</summary>
    public bool Is96 { get; }

    /// <summary>Whether <see cref="Designation"/> designates the set into G1 (else G0).</summary>
    public bool DesignatesG1 { get; }

    /// <summary>The escape sequence that designates this set (ESC included).</summary>
    public byte[] Designation { get; }

    private char[] Table => _table ?? LazyInitializer.EnsureInitialized(ref _table, _build);

    /// <summary>The character for a 7-bit code of a single-byte set, or U+FFFD.</summary>
    public char Decode(int code) => Table[code & 0x7F];

    /// <summary>The character for two 7-bit bytes (each 0x21-0x7E) of a double-byte set, or U+FFFD.</summary>
    public char Decode(int first, int second) => Table[(first - 0x21) * 94 + second - 0x21];

    /// <summary>The 7-bit code (two bytes big-endian for double-byte sets) that the set assigns to <paramref name="c"/>.</summary>
    public bool TryEncode(char c, out ushort code)
    {
        var map = _encode ?? LazyInitializer.EnsureInitialized(ref _encode, BuildEncoder);
        return map.TryGetValue(c, out code);
    }

    /// <summary>A near-equivalent code for characters that other mappings of the same standard use (e.g. FULLWIDTH
    /// TILDE for WAVE DASH); used only when no set has the character itself, so exact round trips are unaffected.</summary>
    public bool TryEncodeAlias(char c, out ushort code)
    {
        var map = _encodeAliases ?? LazyInitializer.EnsureInitialized(ref _encodeAliases, () => _aliases.ToFrozenDictionary(a => a.Char, a => a.Code));
        return map.TryGetValue(c, out code);
    }

    private FrozenDictionary<char, ushort> BuildEncoder()
    {
        var table = Table;
        var map = new Dictionary<char, ushort>(table.Length);
        if (IsDoubleByte)
        {
            for (var i = 0; i < table.Length; i++)
            {
                var row = 0x21 + i / 94;
                if (table[i] != Undefined && _encodableRow(row)) map.TryAdd(table[i], (ushort)((row << 8) | (0x21 + i % 94)));
            }
        }
        else
        {
            for (var i = 0x20; i < 0x80; i++)
                if (table[i] != Undefined) map.TryAdd(table[i], (ushort)i);
        }
        return map.ToFrozenDictionary();
    }

    public override string ToString() => Name;

    // ---- the sets DICOM uses -----------------------------------------------------------------------------------

    public static readonly CodeElement Ascii = new("ISO-IR 6", false, false, false, "(B", static () => SevenBit(null));

    /// <summary>JIS X 0201 romaji: ASCII with YEN SIGN at 05/12 and OVERLINE at 07/14 (PS3.5 H.1.1).</summary>
    public static readonly CodeElement Romaji = new("ISO-IR 14", false, false, false, "(J", static () => SevenBit(t =>
    {
        t[0x5C] = '\u00A5';
        t[0x7E] = '\u203E';
    }));

    /// <summary>JIS X 0201 katakana: 0x21-0x5F are the half-width katakana U+FF61-U+FF9F.</summary>
    public static readonly CodeElement Katakana = new("ISO-IR 13", false, false, true, ")I", static () =>
    {
        var t = EmptyTable(128);
        for (var i = 0x21; i <= 0x5F; i++) t[i] = (char)(0xFF61 + i - 0x21);
        return t;
    });

    public static readonly CodeElement Latin1 = Iso8859("ISO-IR 100", "-A", 28591);
    public static readonly CodeElement Latin2 = Iso8859("ISO-IR 101", "-B", 28592);
    public static readonly CodeElement Latin3 = Iso8859("ISO-IR 109", "-C", 28593);
    public static readonly CodeElement Latin4 = Iso8859("ISO-IR 110", "-D", 28594);
    public static readonly CodeElement Cyrillic = Iso8859("ISO-IR 144", "-L", 28595);
    public static readonly CodeElement Arabic = Iso8859("ISO-IR 127", "-G", 28596);

    // The framework's ISO-8859-7 predates the 2003 edition (euro, drachma, ypogegrammeni) and maps the quotation
    // marks to modifier letters.
    public static readonly CodeElement Greek = Iso8859("ISO-IR 126", "-F", 28597,
        [(0x21, '\u2018'), (0x22, '\u2019'), (0x24, '\u20AC'), (0x25, '\u20AF'), (0x2A, '\u037A')],
        [('\u02BD', 0x21), ('\u02BC', 0x22)]);

    // ISO 8859-8 has MACRON at 0xAF and the direction marks at 0xFD/0xFE; the framework has OVERLINE and no marks.
    public static readonly CodeElement Hebrew = Iso8859("ISO-IR 138", "-H", 28598,
        [(0x2F, '\u00AF'), (0x7D, '\u200E'), (0x7E, '\u200F')],
        [('\u203E', 0x2F)]);

    public static readonly CodeElement Latin5 = Iso8859("ISO-IR 148", "-M", 28599);

    /// <summary>TIS 620-2533 (ISO-IR 166); windows-874 agrees with it on 0xA0-0xFF.</summary>
    public static readonly CodeElement Thai = Iso8859("ISO-IR 166", "-T", 874);

    public static readonly CodeElement Latin9 = Iso8859("ISO-IR 203", "-b", 28605);

    /// <summary>JIS X 0208 (ISO-IR 87). EUC-JP code page 20932 carries it with both bytes' high bits set and uses the
    /// JIS mappings (WAVE DASH, not FULLWIDTH TILDE).</summary>
    public static readonly CodeElement JisX0208 = new("ISO-IR 87", true, false, false, "$B",
        static () => DoubleByte(20932, static (a, b) => [(byte)(a | 0x80), (byte)(b | 0x80)], []),
        // Rows 9-15 and 85-94 are vendor extensions (NEC, IBM) that other decoders reject: never write them.
        static row => row is <= 0x28 or (>= 0x30 and <= 0x74),
        [('\uFF5E', 0x2141), ('\u2225', 0x2142), ('\uFF0D', 0x215D), ('\uFFE0', 0x2171), ('\uFFE1', 0x2172), ('\uFFE2', 0x224C)]);

    /// <summary>JIS X 0212 (ISO-IR 159). Code page 20932 carries it with only the first byte's high bit set; it lacks
    /// two characters of the registered set.</summary>
    public static readonly CodeElement JisX0212 = new("ISO-IR 159", true, false, false, "$(D",
        static () => DoubleByte(20932, static (a, b) => [(byte)(a | 0x80), (byte)b], [(0x2237, '\uFF5E'), (0x2271, '\u2116')]),
        // Rows 83 and above of code page 20932 hold IBM extensions, not JIS X 0212.
        static row => row <= 0x6D);

    /// <summary>KS X 1001 (ISO-IR 149), from code page 949, which maps every KS X 1001 code correctly (51949 has an
    /// error at 0x3453); 0x2268 (postal code mark) was added in KS X 1001:2002.</summary>
    public static readonly CodeElement KsX1001 = new("ISO-IR 149", true, false, true, "$)C",
        static () => DoubleByte(949, static (a, b) => [(byte)(a | 0x80), (byte)(b | 0x80)], [(0x2268, '\u327E')]));

    /// <summary>GB 2312 (ISO-IR 58), from code page 20936 (the GB 2312 mappings, e.g. KATAKANA MIDDLE DOT at 0x2124,
    /// which GBK and GB 18030 map to MIDDLE DOT).</summary>
    public static readonly CodeElement Gb2312 = new("ISO-IR 58", true, false, true, "$)A",
        static () => DoubleByte(20936, static (a, b) => [(byte)(a | 0x80), (byte)(b | 0x80)], [(0x212C, '\u2016')]),
        null,
        [('\u00B7', 0x2124), ('\u2014', 0x212A)]);

    /// <summary>The set that an escape sequence designates, given its intermediate and final bytes; null when the
    /// sequence is not one DICOM (or a common ISO 2022 profile for these repertoires) uses.</summary>
    public static CodeElement? FromDesignation(ReadOnlySpan<byte> intermediates, byte final, out bool g1)
    {
        g1 = false;
        switch (intermediates)
        {
            case [(byte)'(']:
                return final switch { (byte)'B' => Ascii, (byte)'J' => Romaji, (byte)'I' => Katakana, _ => null };
            case [(byte)')']:
                g1 = true;
                return final switch { (byte)'I' => Katakana, (byte)'J' => Romaji, (byte)'B' => Ascii, _ => null };
            case [(byte)'-']:
                g1 = true;
                return final switch
                {
                    (byte)'A' => Latin1, (byte)'B' => Latin2, (byte)'C' => Latin3, (byte)'D' => Latin4,
                    (byte)'L' => Cyrillic, (byte)'G' => Arabic, (byte)'F' => Greek, (byte)'H' => Hebrew,
                    (byte)'M' => Latin5, (byte)'T' => Thai, (byte)'b' => Latin9, _ => null,
                };
            // ESC $ @ / A / B omit the G0 intermediate 02/08 (ISO/IEC 2022 13.3.2; PS3.5 Table H.1-2 note).
            case [(byte)'$']:
            case [(byte)'$', (byte)'(']:
            case [(byte)'$', (byte)')']:
                g1 = intermediates.Length == 2 && intermediates[1] == (byte)')';
                return final switch
                {
                    // 04/00 is the 1978 edition of JIS X 0208; read it as the current one, as ISO-2022-JP decoders do.
                    (byte)'@' or (byte)'B' => JisX0208,
                    (byte)'D' => JisX0212,
                    (byte)'C' => KsX1001,
                    (byte)'A' => Gb2312,
                    _ => null,
                };
            default:
                return null;
        }
    }

    // ---- table builders ----------------------------------------------------------------------------------------

    private static char[] EmptyTable(int size)
    {
        var t = new char[size];
        Array.Fill(t, Undefined);
        return t;
    }

    private static char[] SevenBit(Action<char[]>? adjust)
    {
        var t = EmptyTable(128);
        for (var i = 0x21; i <= 0x7E; i++) t[i] = (char)i;
        adjust?.Invoke(t);
        return t;
    }

    private static CodeElement Iso8859(string name, string designation, int codePage,
        (int Code, char Char)[]? patches = null, (char, ushort)[]? aliases = null) =>
        new(name, false, true, true, designation, () =>
        {
            var encoding = CodePages.Get(codePage);
            var t = EmptyTable(128);
            Span<char> chars = stackalloc char[2];
            for (var i = 0x20; i < 0x80; i++)
            {
                var n = encoding.GetChars([(byte)(i | 0x80)], chars);
                if (n == 1 && IsMapped(chars[0])) t[i] = chars[0];
            }
            foreach (var (code, c) in patches ?? []) t[code] = c;
            return t;
        }, null, aliases);

    private static char[] DoubleByte(int codePage, Func<int, int, byte[]> bytesFor, (int Code, char Char)[] patches)
    {
        var encoding = CodePages.Get(codePage);
        var t = EmptyTable(94 * 94);
        Span<char> chars = stackalloc char[4];
        for (var a = 0x21; a <= 0x7E; a++)
        {
            for (var b = 0x21; b <= 0x7E; b++)
            {
                var n = encoding.GetChars(bytesFor(a, b), chars);
                if (n == 1 && IsMapped(chars[0])) t[(a - 0x21) * 94 + b - 0x21] = chars[0];
            }
        }
        foreach (var (code, c) in patches) t[((code >> 8) - 0x21) * 94 + (code & 0xFF) - 0x21] = c;
        return t;
    }

    // Code pages put unassigned and user-defined codes in the private use area; no registered set has characters there.
    private static bool IsMapped(char c) => c != Undefined && c is < '\uE000' or > '\uF8FF';
}
