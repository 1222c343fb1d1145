using System.Buffers.Text;
using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Dictionary;

/// <summary>Looks tags up in the data dictionary generated from DCMTK's dicom.dic (PS3.6) and private.dic.</summary>
/// <remarks>The tables are parsed from the generated data on first use and never change afterwards, so every
/// lookup is thread-safe.</remarks>
public static partial class DicomDictionary
{
    private static readonly char[] CreatorPadding = [' ', '\0'];

    /// <summary>Every public entry (PS3.6, including retired ones), in tag order.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> PublicEntries => PublicTables.Entries;

    /// <summary>Every private entry, ordered by creator and then tag.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> PrivateEntries => PrivateTables.Entries;

    /// <summary>The public entry for <paramref name="tag"/>: an exact match first, otherwise the repeating-group entry
    /// that covers it, such as (60xx,3000) Overlay Data for (6002,3000).</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        var value = tag.Value;
        if (PublicTables.Exact.TryGetValue(value, out var entry)) return entry;
        foreach (var (mask, entries) in PublicTables.Repeating)
        {
            if (entries.TryGetValue(value & mask, out entry)) return entry;
        }
        return null;
    }

    /// <summary>The private entry for data element <paramref name="tag"/> (gggg,xxee) in a block reserved by
    /// <paramref name="creator"/>; matches on creator, group and element byte ee, whatever block xx the creator got.</summary>
    /// <remarks>Creator padding (trailing spaces or NULs) is ignored. Returns null for tags that are not private data
    /// elements, including the creator elements (gggg,0010-00FF) themselves.</remarks>
    public static DicomDictionaryEntry? FindPrivate(string creator, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!tag.IsPrivate || tag.Element < 0x1000) return null;
        if (!PrivateTables.ByCreator.TryGetValue(creator.Trim(CreatorPadding), out var tables)) return null;

        var value = tag.Value;
        foreach (var (mask, entries) in tables)
        {
            if (entries.TryGetValue(value & mask, out var entry)) return entry;
        }
        return null;
    }

    /// <summary>The public entry with this PS3.6 keyword (case-sensitive), e.g. "PatientName"; retired keywords are
    /// listed without DCMTK's "RETIRED_" prefix.</summary>
    public static DicomDictionaryEntry? FindByKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return KeywordTable.ByKeyword.GetValueOrDefault(keyword);
    }

    /// <summary>The VR an implicit VR reader uses for <paramref name="tag"/>: the dictionary's first choice, UL for group
    /// lengths, LO for private creators, UN when unknown.</summary>
    /// <remarks>Where the standard allows a choice the first VR is US for US/SS and OW for OB/OW (PS3.5 A.1 reads Pixel,
    /// Overlay and Waveform Data as OW in Implicit VR Little Endian). Items and delimiters give <see cref="DicomVR.None"/>.</remarks>
    public static DicomVR GetImplicitVR(DicomTag tag, string? privateCreator = null)
    {
        if (tag.IsGroupLength) return DicomVR.UL;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        var entry = tag.IsPrivate && privateCreator is not null ? FindPrivate(privateCreator, tag) : Find(tag);
        return entry?.VR ?? DicomVR.UN;
    }

    /// <summary>Parses the generated data: one entry per line, fields separated by '|'.</summary>
    /// <remarks>
    /// Public lines are <c>tag|mask|VRs|VM|retired|keyword|name</c>; private lines put the creator first and have no
    /// retired field. Tag and mask are 8 hex digits; a tag t belongs to the entry when <c>(t &amp; mask) == tag</c>.
    /// VRs are joined by '/', "None" standing for items and delimiters; retired is "R" or "-".
    /// </remarks>
    private static DicomDictionaryEntry[] ParseEntries(ReadOnlySpan<byte> data, bool isPrivate, int expectedCount)
    {
        var entries = new List<DicomDictionaryEntry>(expectedCount);
        string? creator = null;
        ReadOnlySpan<byte> creatorBytes = default;
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            var line = end < 0 ? data : data[..end];
            data = end < 0 ? default : data[(end + 1)..];
            // A checkout with CRLF line ends puts '\r' into the literal.
            if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
            if (line.IsEmpty) continue;

            var fields = new FieldReader(line);
            if (isPrivate)
            {
                var creatorField = fields.Next();
                // Lines are sorted by creator, so comparing with the previous one shares one string per creator.
                if (creator is null || !creatorField.SequenceEqual(creatorBytes))
                {
                    creator = Encoding.ASCII.GetString(creatorField);
                    creatorBytes = creatorField;
                }
            }

            var tag = ParseHex(fields.Next());
            var mask = ParseHex(fields.Next());
            var vrs = ParseVRs(fields.Next());
            var vm = ParseMultiplicity(fields.Next());
            var retired = !isPrivate && fields.Next().SequenceEqual("R"u8);
            var keyword = Encoding.ASCII.GetString(fields.Next());
            var name = Encoding.ASCII.GetString(fields.Next());
            entries.Add(new DicomDictionaryEntry(new DicomTag(tag), mask, keyword, name, vrs, vm, retired, isPrivate ? creator : null));
        }

        if (entries.Count != expectedCount)
        {
            throw new InvalidOperationException($"Generated dictionary data holds {entries.Count} entries, expected {expectedCount}.");
        }
        return entries.ToArray();
    }

    private static uint ParseHex(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out uint value, out var consumed, 'X') && consumed == text.Length
            ? value
            : throw new InvalidOperationException($"Bad hex number '{Encoding.ASCII.GetString(text)}' in the generated dictionary.");

    private static DicomVR[] ParseVRs(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("None"u8)) return [DicomVR.None];
        var vrs = new DicomVR[(text.Length + 1) / 3];
        for (var i = 0; i < vrs.Length; i++)
        {
            if (!DicomVRInfo.TryParse(text[i * 3], text[i * 3 + 1], out vrs[i]))
            {
                throw new InvalidOperationException($"Bad VR list '{Encoding.ASCII.GetString(text)}' in the generated dictionary.");
            }
        }
        return vrs;
    }

    // Nearly every entry is "1" or "1-n"; sharing those strings keeps thousands of copies off the heap.
    private static string ParseMultiplicity(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("1"u8) ? "1" : text.SequenceEqual("1-n"u8) ? "1-n" : Encoding.ASCII.GetString(text);

    /// <summary>Splits one line of generated data on '|'.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> line)
    {
        private ReadOnlySpan<byte> _rest = line;

        public ReadOnlySpan<byte> Next()
        {
            var end = _rest.IndexOf((byte)'|');
            if (end < 0)
            {
                var last = _rest;
                _rest = default;
                return last;
            }
            var field = _rest[..end];
            _rest = _rest[(end + 1)..];
            return field;
        }
    }

    /// <summary>Tables for public tags, built when a public lookup first happens.</summary>
    private static class PublicTables
    {
        public static readonly DicomDictionaryEntry[] Entries = ParseEntries(PublicEntryData, isPrivate: false, PublicEntryCount);

        // Plain dictionaries rather than frozen ones: measured faster for uint keys, cheaper to build, and nothing
        // writes to them after this.
        public static readonly Dictionary<uint, DicomDictionaryEntry> Exact = new(Entries.Length);

        public static readonly MaskTable[] Repeating = MaskTable.Split(Entries, 0, Entries.Length, Exact);
    }

    /// <summary>Keyword index, kept apart so tag lookups (the hot path of every reader) do not pay for building it.</summary>
    private static class KeywordTable
    {
        public static readonly Dictionary<string, DicomDictionaryEntry> ByKeyword = Build();

        private static Dictionary<string, DicomDictionaryEntry> Build()
        {
            var byKeyword = new Dictionary<string, DicomDictionaryEntry>(PublicTables.Entries.Length, StringComparer.Ordinal);
            foreach (var entry in PublicTables.Entries) byKeyword.Add(entry.Keyword, entry);
            return byKeyword;
        }
    }

    /// <summary>Tables for private tags, built when a private lookup first happens.</summary>
    private static class PrivateTables
    {
        public static readonly DicomDictionaryEntry[] Entries = ParseEntries(PrivateEntryData, isPrivate: true, PrivateEntryCount);

        public static readonly Dictionary<string, MaskTable[]> ByCreator = Build();

        private static Dictionary<string, MaskTable[]> Build()
        {
            // The generated data is sorted by creator, so each creator's entries form one run.
            var byCreator = new Dictionary<string, MaskTable[]>(StringComparer.Ordinal);
            for (var start = 0; start < Entries.Length;)
            {
                var creator = Entries[start].PrivateCreator!;
                var end = start + 1;
                while (end < Entries.Length && ReferenceEquals(Entries[end].PrivateCreator, creator)) end++;
                byCreator.Add(creator, MaskTable.Split(Entries, start, end, exact: null));
                start = end;
            }
            return byCreator;
        }
    }

    /// <summary>The entries sharing one mask, keyed by their tag value under that mask.</summary>
    private sealed class MaskTable(uint mask)
    {
        public readonly uint Mask = mask;
        public readonly Dictionary<uint, DicomDictionaryEntry> Entries = [];

        public void Deconstruct(out uint mask, out Dictionary<uint, DicomDictionaryEntry> entries) => (mask, entries) = (Mask, Entries);

        /// <summary>Sorts <paramref name="entries"/>[start..end) into tables, most specific mask first so that a fixed
        /// private element wins over a relocatable one and a single group over a range. Unmasked entries go to
        /// <paramref name="exact"/> when one is given.</summary>
        public static MaskTable[] Split(DicomDictionaryEntry[] entries, int start, int end, Dictionary<uint, DicomDictionaryEntry>? exact)
        {
            var tables = new List<MaskTable>();
            for (var i = start; i < end; i++)
            {
                var entry = entries[i];
                if (exact is not null && entry.Mask == uint.MaxValue)
                {
                    exact.Add(entry.Tag.Value, entry);
                    continue;
                }
                var table = tables.Find(t => t.Mask == entry.Mask);
                if (table is null) tables.Add(table = new MaskTable(entry.Mask));
                table.Entries.Add(entry.Tag.Value & entry.Mask, entry);
            }
            tables.Sort(static (a, b) =>
            {
                var bySpecificity = uint.PopCount(b.Mask).CompareTo(uint.PopCount(a.Mask));
                return bySpecificity != 0 ? bySpecificity : b.Mask.CompareTo(a.Mask);
            });
            return tables.ToArray();
        }
    }
}
