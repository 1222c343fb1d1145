using System.Collections.Concurrent;
using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Text;

/// <summary>Decodes and encodes text values according to Specific Character Set (0008,0005).</summary>
/// <remarks>
/// Supports the single-byte sets (ISO_IR 100, 101, 109, 110, 144, 127, 126, 138, 148, 166, 203 and 13), their
/// ISO 2022 forms with code extensions, the multi-byte sets ISO 2022 IR 87, 159, 149 and 58, and ISO_IR 192 (UTF-8),
/// GB18030 and GBK. Only SH, LO, ST, LT, PN, UC and UT are interpreted through the set; other VRs are read as
/// ISO 8859-1 and written as ASCII, as the standard confines them to the default repertoire.
/// <para>Reading is lenient: misspelled or foreign names of a set are recognised, unknown ones fall back to a guess,
/// and bytes that the repertoire does not define decode to U+FFFD. <see cref="Warnings"/> says what was guessed.
/// Writing is strict: only the declared sets are used, and characters none of them has are written as '?'
/// (<see cref="CanEncode"/> checks beforehand).</para>
/// Instances are immutable, shared and safe to use from several threads.
/// </remarks>
public sealed class DicomCharacterSet
{
    // Bounded so that a stream of files with garbage in (0008,0005) cannot grow it without limit.
    private const int CacheLimit = 256;
    private static readonly ConcurrentDictionary<IReadOnlyList<string>, DicomCharacterSet> Cache = new(TermListComparer.Instance);

    private readonly TextCodec _codec;

    private DicomCharacterSet(string[] terms, TextCodec codec, string[] warnings)
    {
        // Read-only views: instances are cached and shared, so callers must not be able to change them.
        Terms = Array.AsReadOnly(terms);
        _codec = codec;
        Warnings = Array.AsReadOnly(warnings);
    }

    /// <summary>The default repertoire (ISO IR 6) used when (0008,0005) is absent.</summary>
    /// <remarks>Writes ASCII only. Reads bytes above 0x7F, which the default repertoire does not have but
    /// files without (0008,0005) often contain, as UTF-8 when the value is well-formed UTF-8 and as ISO 8859-1
    /// otherwise.</remarks>
    public static DicomCharacterSet Default { get; } = new([], new Iso2022Codec(CodeElement.Ascii, null, [CodeElement.Ascii], CodeElement.Latin1, sniffUtf8: true), []);

    /// <summary>The defined terms of (0008,0005) this set was built from.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>What had to be guessed when interpreting <see cref="Terms"/> (unknown or misspelled terms, terms
    /// that cannot be combined); empty for a valid list of Defined Terms.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when <see cref="Terms"/> was not a valid list of Defined Terms and was interpreted leniently.</summary>
    public bool IsFallback => Warnings.Count > 0;

    /// <summary>The character set for the values of (0008,0005), one term per value (an empty value 1 is kept:
    /// it means ISO-IR 6 initially). Results are cached per distinct term list.</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (IsEmpty(terms)) return Default;
        if (Cache.TryGetValue(terms, out var cached)) return cached;

        var copy = terms.ToArray();
        var warnings = new List<string>();
        var codec = CharacterSetTerms.Interpret(copy, warnings);
        var created = new DicomCharacterSet(copy, codec, warnings.ToArray());
        return Cache.Count < CacheLimit ? Cache.GetOrAdd(copy, created) : created;
    }

    /// <summary>The character set for the raw text of (0008,0005), values separated by '\'.</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return FromSpecificCharacterSet(value.TrimEnd(' ', '\0').Split('\\'));
    }

    /// <summary>Decodes a value (all of it, delimiters included) of an element with VR <paramref name="vr"/>.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty) return string.Empty;
        if (!DicomVRInfo.UsesCharacterSet(vr)) return Encoding.Latin1.GetString(bytes);
        // Plain ASCII is by far the commonest value: copy it without any per-byte work.
        if (_codec.IsPlainAscii(bytes)) return Encoding.ASCII.GetString(bytes);
        return _codec.Decode(bytes, vr);
    }

    /// <summary>Encodes a value (all of it, delimiters included) of an element with VR <paramref name="vr"/>;
    /// characters the set cannot represent become '?'. No padding is added.</summary>
    public byte[] Encode(string text, DicomVR vr) => Encode(text, vr, out _);

    /// <summary>Whether <paramref name="text"/> can be written in this set without loss.</summary>
    public bool CanEncode(string text, DicomVR vr)
    {
        Encode(text, vr, out var lossless);
        return lossless;
    }

    private byte[] Encode(string text, DicomVR vr, out bool lossless)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DicomVRInfo.UsesCharacterSet(vr))
        {
            lossless = Ascii.IsValid(text);
            return Encoding.ASCII.GetBytes(text);
        }
        if (_codec.AsciiIsIdentity && Ascii.IsValid(text) && !text.Contains('\u001B'))
        {
            lossless = true;
            return Encoding.ASCII.GetBytes(text);
        }
        return _codec.Encode(text, vr, out lossless);
    }

    public override string ToString() => Terms.Count == 0 ? "(default repertoire)" : string.Join('\\', Terms);

    private static bool IsEmpty(IReadOnlyList<string> terms)
    {
        for (var i = 0; i < terms.Count; i++)
            if (!string.IsNullOrWhiteSpace(terms[i]?.Trim('\0'))) return false;
        return true;
    }

    /// <summary>Compares term lists by value, so that a cache hit needs no key allocation.</summary>
    private sealed class TermListComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly TermListComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Count != y.Count) return false;
            for (var i = 0; i < x.Count; i++)
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
            return true;
        }

        public int GetHashCode(IReadOnlyList<string> list)
        {
            var hash = new HashCode();
            for (var i = 0; i < list.Count; i++) hash.Add(list[i], StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
