using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Imaging.Dicom.Text;

/// <summary>Interprets the values of Specific Character Set (0008,0005): the Defined Terms of PS3.3 C.12.1.1.2 and,
/// leniently, the misspellings and foreign names found in real files.</summary>
internal static class CharacterSetTerms
{
    private enum Kind { Default, SingleByte, MultiByte, VariableLength, Unknown }

    /// <summary>What one term stands for. <c>Extended</c> marks the "ISO 2022 IR n" spelling.</summary>
    private readonly record struct Term(Kind Kind, CodeElement? G0 = null, CodeElement? G1 = null, int CodePage = 0,
        bool Extended = false, string? Canonical = null)
    {
        public static readonly Term Unknown = new(Kind.Unknown);
    }

    private const int Utf8CodePage = 65001;
    private const int GbkCodePage = 936;
    private const int Gb18030CodePage = 54936;

    private static readonly FrozenDictionary<int, CodeElement> SingleByteSets = new Dictionary<int, CodeElement>
    {
        [100] = CodeElement.Latin1, [101] = CodeElement.Latin2, [109] = CodeElement.Latin3, [110] = CodeElement.Latin4,
        [144] = CodeElement.Cyrillic, [127] = CodeElement.Arabic, [126] = CodeElement.Greek, [138] = CodeElement.Hebrew,
        [148] = CodeElement.Latin5, [166] = CodeElement.Thai, [203] = CodeElement.Latin9, [13] = CodeElement.Katakana,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<int, CodeElement> MultiByteSets = new Dictionary<int, CodeElement>
    {
        [87] = CodeElement.JisX0208, [159] = CodeElement.JisX0212, [149] = CodeElement.KsX1001, [58] = CodeElement.Gb2312,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Term> DefinedTerms = BuildDefinedTerms();

    // Names of the same repertoires in other registries (IANA, code page names), keyed in compact form (see Compact).
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["ASCII"] = "ISO_IR 6", ["USASCII"] = "ISO_IR 6", ["ISO646"] = "ISO_IR 6", ["DEFAULT"] = "ISO_IR 6",
        ["ISO88591"] = "ISO_IR 100", ["LATIN1"] = "ISO_IR 100", ["ISOLATIN1"] = "ISO_IR 100", ["L1"] = "ISO_IR 100",
        ["ISO88592"] = "ISO_IR 101", ["LATIN2"] = "ISO_IR 101",
        ["ISO88593"] = "ISO_IR 109", ["LATIN3"] = "ISO_IR 109",
        ["ISO88594"] = "ISO_IR 110", ["LATIN4"] = "ISO_IR 110",
        ["ISO88595"] = "ISO_IR 144", ["CYRILLIC"] = "ISO_IR 144",
        ["ISO88596"] = "ISO_IR 127", ["ARABIC"] = "ISO_IR 127",
        ["ISO88597"] = "ISO_IR 126", ["GREEK"] = "ISO_IR 126",
        ["ISO88598"] = "ISO_IR 138", ["HEBREW"] = "ISO_IR 138",
        ["ISO88599"] = "ISO_IR 148", ["LATIN5"] = "ISO_IR 148",
        ["TIS620"] = "ISO_IR 166", ["ISO885911"] = "ISO_IR 166", ["THAI"] = "ISO_IR 166",
        ["ISO885915"] = "ISO_IR 203", ["LATIN9"] = "ISO_IR 203",
        ["JISX0201"] = "ISO_IR 13",
        ["UTF8"] = "ISO_IR 192", ["UNICODE"] = "ISO_IR 192",
        ["GB18030"] = "GB18030", ["GBK"] = "GBK", ["CP936"] = "GBK",
        // Unextended EUC byte streams are exactly what these sets give when designated into G1 at the start.
        ["GB2312"] = "ISO 2022 IR 58", ["EUCCN"] = "ISO 2022 IR 58",
        ["EUCKR"] = "ISO 2022 IR 149", ["KSC5601"] = "ISO 2022 IR 149", ["KSX1001"] = "ISO 2022 IR 149",
        ["JISX0208"] = "ISO 2022 IR 87", ["JISX0212"] = "ISO 2022 IR 159",
    }.ToFrozenDictionary();

    // Not DICOM at all, but written by some Japanese systems; worth reading rather than garbling.
    private static readonly FrozenSet<string> ShiftJisNames = new[] { "SHIFTJIS", "SJIS", "CP932", "MS932", "WINDOWS31J" }.ToFrozenSet();

    private static FrozenDictionary<string, Term> BuildDefinedTerms()
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal)
        {
            // "ISO_IR 6" is not a Defined Term (the default has none) but its meaning is not in doubt.
            ["ISO_IR 6"] = new(Kind.Default, CodeElement.Ascii, Canonical: "ISO_IR 6"),
            ["ISO 2022 IR 6"] = new(Kind.Default, CodeElement.Ascii, Extended: true, Canonical: "ISO 2022 IR 6"),
            ["ISO_IR 192"] = new(Kind.VariableLength, CodePage: Utf8CodePage, Canonical: "ISO_IR 192"),
            ["GB18030"] = new(Kind.VariableLength, CodePage: Gb18030CodePage, Canonical: "GB18030"),
            ["GBK"] = new(Kind.VariableLength, CodePage: GbkCodePage, Canonical: "GBK"),
        };
        foreach (var (ir, g1) in SingleByteSets)
        {
            var g0 = ir == 13 ? CodeElement.Romaji : CodeElement.Ascii;
            terms[$"ISO_IR {ir}"] = new(Kind.SingleByte, g0, g1, Canonical: $"ISO_IR {ir}");
            terms[$"ISO 2022 IR {ir}"] = new(Kind.SingleByte, g0, g1, Extended: true, Canonical: $"ISO 2022 IR {ir}");
        }
        foreach (var (ir, set) in MultiByteSets)
        {
            terms[$"ISO 2022 IR {ir}"] = set.DesignatesG1
                ? new(Kind.MultiByte, G1: set, Extended: true, Canonical: $"ISO 2022 IR {ir}")
                : new(Kind.MultiByte, G0: set, Extended: true, Canonical: $"ISO 2022 IR {ir}");
        }
        return terms.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Builds the codec for a term list and says what had to be guessed.</summary>
    public static TextCodec Interpret(IReadOnlyList<string> values, List<string> warnings)
    {
        var terms = new Term[values.Count];
        for (var i = 0; i < values.Count; i++) terms[i] = Resolve(values[i], i, warnings);

        var first = terms.Length == 0 ? new Term(Kind.Default) : terms[0];
        var extensions = terms.Skip(1).Where(t => t.Kind is not (Kind.Default or Kind.Unknown) || t.G0 is not null).ToArray();

        if (first.Kind == Kind.VariableLength)
        {
            if (extensions.Length > 0)
                warnings.Add($"{first.Canonical} does not allow code extensions (PS3.5 6.1.2.4); values 2 and later are ignored.");
            return first.CodePage switch
            {
                Utf8CodePage => VariableLengthCodec.Utf8,
                GbkCodePage => Gb18030Codec.Gbk,
                Gb18030CodePage => Gb18030Codec.Gb18030,
                _ => VariableLengthCodec.ForCodePage(first.CodePage),
            };
        }

        var initialG0 = CodeElement.Ascii;
        CodeElement? initialG1 = null;
        var allowed = new List<CodeElement> { CodeElement.Ascii };
        switch (first.Kind)
        {
            case Kind.SingleByte:
                initialG0 = first.G0!;
                initialG1 = first.G1;
                allowed = [initialG0, first.G1!];
                break;
            case Kind.MultiByte when first.G1 is not null:
                initialG1 = first.G1;
                allowed.Add(first.G1);
                warnings.Add($"Value 1 '{values[0].Trim()}' is a multi-byte set; it is taken as designated to G1 from the start, with ISO-IR 6 in G0.");
                break;
            case Kind.MultiByte:
                allowed.Add(first.G0!);
                warnings.Add($"Value 1 '{values[0].Trim()}' is a multi-byte set and cannot be the initial G0 set; ISO-IR 6 is used initially and the set only after its escape sequence.");
                break;
        }

        var codeExtensions = extensions.Length > 0;
        if (codeExtensions && first.Kind == Kind.SingleByte && !first.Extended)
            warnings.Add($"'{first.Canonical}' is used with code extensions; read as 'ISO 2022 IR {first.Canonical![7..]}'.");
        for (var i = 1; i < terms.Length; i++)
        {
            var t = terms[i];
            switch (t.Kind)
            {
                case Kind.VariableLength:
                    warnings.Add($"Value {i + 1} '{t.Canonical}' cannot take part in code extensions and is ignored.");
                    break;
                case Kind.SingleByte or Kind.MultiByte or Kind.Default:
                    if (t.Kind == Kind.SingleByte && !t.Extended)
                        warnings.Add($"Value {i + 1} '{t.Canonical}' is used with code extensions; read as 'ISO 2022 IR {t.Canonical![7..]}'.");
                    if (t.G0 is not null) allowed.Add(t.G0);
                    if (t.G1 is not null) allowed.Add(t.G1);
                    break;
            }
        }

        // An undeclared or unknown repertoire still has to be read: well-formed UTF-8 is taken as such (it is rarely
        // an accident) and other high bytes as ISO 8859-1, the commonest undeclared set.
        var guess = first.Kind == Kind.Unknown || (first.Kind == Kind.Default && !codeExtensions);
        return new Iso2022Codec(initialG0, initialG1, allowed, guess ? CodeElement.Latin1 : null, guess);
    }

    private static Term Resolve(string value, int index, List<string> warnings)
    {
        var trimmed = value.Trim(' ', '\0', '\t');
        if (trimmed.Length == 0)
        {
            // An empty value 1 means ISO-IR 6 in G0 and nothing in G1 (PS3.5 6.1.2.5.1); later empty values mean nothing.
            if (index > 0) warnings.Add($"Value {index + 1} is empty and is ignored.");
            return index == 0 ? new Term(Kind.Default, CodeElement.Ascii) : Term.Unknown;
        }
        if (DefinedTerms.TryGetValue(trimmed, out var term)) return term;

        var compact = Compact(trimmed);
        string? canonical = null;
        if (TryNumber(compact, "ISO2022IR", out var n)) canonical = DefinedTerms.ContainsKey($"ISO 2022 IR {n}") ? $"ISO 2022 IR {n}" : null;
        else if (TryNumber(compact, "ISOIR", out n) || TryNumber(compact, "IR", out n)) canonical = ForNumber(n);
        else if (Aliases.TryGetValue(compact, out var alias)) canonical = alias;
        else if (ShiftJisNames.Contains(compact))
        {
            warnings.Add($"Value {index + 1} '{trimmed}' is not a DICOM Defined Term; read as Shift_JIS.");
            return new Term(Kind.VariableLength, CodePage: 932, Canonical: trimmed);
        }

        if (canonical is not null && DefinedTerms.TryGetValue(canonical, out term))
        {
            warnings.Add($"Value {index + 1} '{trimmed}' is not a Defined Term; read as '{canonical}'.");
            return term;
        }
        warnings.Add(index == 0
            ? $"Value 1 '{trimmed}' is not a known character set; well-formed UTF-8 values are read as UTF-8, others as ISO 8859-1."
            : $"Value {index + 1} '{trimmed}' is not a known character set and is ignored.");
        return Term.Unknown;
    }

    private static string? ForNumber(int n)
    {
        if (n == 6) return "ISO_IR 6";
        if (n == 192) return "ISO_IR 192";
        if (SingleByteSets.ContainsKey(n)) return $"ISO_IR {n}";
        if (MultiByteSets.ContainsKey(n)) return $"ISO 2022 IR {n}";
        return null;
    }

    private static bool TryNumber(string compact, string prefix, out int number)
    {
        number = 0;
        return compact.StartsWith(prefix, StringComparison.Ordinal) &&
               compact.Length > prefix.Length && compact.Length - prefix.Length <= 4 &&
               int.TryParse(compact.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Upper-case letters and digits only, so that "iso-ir_100", "ISO IR 100" and "ISO_IR100" compare equal.</summary>
    private static string Compact(string term)
    {
        var sb = new StringBuilder(term.Length);
        foreach (var c in term)
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
        return sb.ToString();
    }
}
