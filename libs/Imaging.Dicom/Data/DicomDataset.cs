using System.Collections;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Data;

/// <summary>An ordered set of attributes (a top-level dataset or a sequence item), kept in ascending tag order.</summary>
public sealed class DicomDataset : IEnumerable<DicomAttribute>
{
    // Sorted list with an append fast path: readers add in ascending order almost always.
    private readonly List<DicomAttribute> _attributes = [];
    private DicomCharacterSet? _characterSet;

    public DicomDataset() { }

    public DicomDataset(IEnumerable<DicomAttribute> attributes)
    {
        foreach (var a in attributes) Set(a);
    }

    public int Count => _attributes.Count + (_pending?.Count ?? 0);

    /// <summary>The sequence this dataset is an item of, or null for a top-level dataset.</summary>
    public DicomSequence? Parent { get; internal set; }

    /// <summary>Whether the source encoded this item with undefined length (sequence items only); new items default
    /// to undefined length.</summary>
    public bool UndefinedLength { get; set; } = true;

    /// <summary>Character set in force: this dataset's (0008,0005), else the enclosing dataset's, else the default.</summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is not null) return _characterSet;
            if (TryGet(DicomTag.SpecificCharacterSet, out var a) && a is DicomElement e)
                return _characterSet = DicomCharacterSet.FromSpecificCharacterSet(ReadCharacterSetTerms(e));
            return Parent?.Owner?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    private static string[] ReadCharacterSetTerms(DicomElement e)
    {
        // (0008,0005) is CS: ASCII. Keep an empty first value: it means "default repertoire first" in ISO 2022 sets.
        var raw = System.Text.Encoding.ASCII.GetString(e.Buffer.GetMemory().Span).TrimEnd(' ', '\0');
        if (raw.Length == 0) return [];
        return raw.Split('\\').Select(t => t.Trim(' ', '\0')).ToArray();
    }

    public DicomAttribute? this[DicomTag tag] => TryGet(tag, out var a) ? a : null;

    public bool Contains(DicomTag tag) => TryGet(tag, out _);

    public bool TryGet(DicomTag tag, out DicomAttribute attribute)
    {
        var i = IndexOf(tag);
        if (i >= 0)
        {
            attribute = _attributes[i];
            return true;
        }
        if (_pending is not null && _pending.TryGetValue(tag.Value, out attribute!)) return true;
        attribute = null!;
        return false;
    }

    public DicomElement? GetElement(DicomTag tag) => this[tag] as DicomElement;

    public DicomSequence? GetSequence(DicomTag tag) => this[tag] as DicomSequence;

    /// <summary>Adds the attribute, replacing one with the same tag.</summary>
    public void Set(DicomAttribute attribute)
    {
        if (attribute.Tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        if (attribute is DicomSequence sq) sq.Owner = this;
        var n = _attributes.Count;
        var key = attribute.Tag.Value;
        if (_pending is null && (n == 0 || _attributes[n - 1].Tag.Value < key))
        {
            _attributes.Add(attribute);
            return;
        }
        var i = IndexOf(attribute.Tag);
        if (i >= 0)
        {
            _attributes[i] = attribute;
            return;
        }
        // Out of order: park it in a hash of pending attributes and merge in bulk, so a file whose tags descend
        // costs O(n log n) rather than a list insertion (O(n)) per element.
        _pending ??= [];
        _pending[key] = attribute;
        if (_pending.Count > Math.Max(32, _attributes.Count / 2)) MergePending();
    }

    public bool Remove(DicomTag tag)
    {
        MergePending();
        var i = IndexOf(tag);
        if (i < 0) return false;
        if (tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        _attributes.RemoveAt(i);
        return true;
    }

    public void RemoveWhere(Func<DicomAttribute, bool> predicate)
    {
        MergePending();
        _attributes.RemoveAll(a => predicate(a));
        _characterSet = null;
    }

    private Dictionary<uint, DicomAttribute>? _pending;

    private void MergePending()
    {
        if (_pending is null) return;
        var pending = _pending.Values.ToArray();
        _pending = null;
        Array.Sort(pending, static (a, b) => a.Tag.Value.CompareTo(b.Tag.Value));
        var merged = new List<DicomAttribute>(_attributes.Count + pending.Length);
        int i = 0, j = 0;
        while (i < _attributes.Count || j < pending.Length)
        {
            if (j == pending.Length || (i < _attributes.Count && _attributes[i].Tag.Value < pending[j].Tag.Value)) merged.Add(_attributes[i++]);
            else merged.Add(pending[j++]);
        }
        _attributes.Clear();
        _attributes.AddRange(merged);
    }

    private int IndexOf(DicomTag tag)
    {
        int lo = 0, hi = _attributes.Count - 1;
        var key = tag.Value;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var v = _attributes[mid].Tag.Value;
            if (v == key) return mid;
            if (v < key) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    // ---- typed convenience accessors ----------------------------------------------------------------------

    /// <summary>The element's text (all values joined with '\'), or null when absent.</summary>
    public string? GetString(DicomTag tag) => GetElement(tag)?.GetString(CharacterSet);

    /// <summary>The element's first value as text, or null when absent or empty.</summary>
    public string? GetSingleString(DicomTag tag)
    {
        var values = GetElement(tag)?.GetStrings(CharacterSet);
        return values is { Length: > 0 } ? values[0] : null;
    }

    public string[] GetStrings(DicomTag tag) => GetElement(tag)?.GetStrings(CharacterSet) ?? [];

    public T? GetValue<T>(DicomTag tag, int index = 0) where T : unmanaged
    {
        var e = GetElement(tag);
        return e is null || e.Length == 0 ? null : e.GetValue<T>(index);
    }

    /// <summary>A US/SS/UL/SL/IS value as an integer, whichever way the file encoded it.</summary>
    public long? GetInteger(DicomTag tag, int index = 0)
    {
        var e = GetElement(tag);
        if (e is null || e.Length == 0) return null;
        return e.VR switch
        {
            DicomVR.US => e.GetValue<ushort>(index),
            DicomVR.SS => e.GetValue<short>(index),
            DicomVR.UL => e.GetValue<uint>(index),
            DicomVR.SL => e.GetValue<int>(index),
            DicomVR.UV => (long)e.GetValue<ulong>(index),
            DicomVR.SV => e.GetValue<long>(index),
            DicomVR.IS or DicomVR.DS when NumericText(e, index) is not { } text => null,
            DicomVR.IS => DicomNumberParser.TryParseInteger(NumericText(e, index)!, out var i) ? i : throw new DicomValueException(tag, $"value #{index} is not an integer string."),
            DicomVR.DS => DicomNumberParser.TryParseDecimal(NumericText(e, index)!, out var d) ? (long)d : throw new DicomValueException(tag, $"value #{index} is not a decimal string."),
            // Implicit VR files read tags missing from the dictionary as UN: assume the commonest binary size.
            DicomVR.UN when e.Length == 2 => e.GetValue<ushort>(index),
            DicomVR.UN when e.Length == 4 => e.GetValue<uint>(index),
            _ => throw new DicomValueException(tag, $"{DicomVRInfo.Code(e.VR)} is not an integer VR."),
        };
    }

    public double? GetDecimal(DicomTag tag, int index = 0)
    {
        var e = GetElement(tag);
        if (e is null || e.Length == 0) return null;
        return e.VR switch
        {
            DicomVR.DS or DicomVR.IS when NumericText(e, index) is not { } text => null,
            DicomVR.DS => DicomNumberParser.TryParseDecimal(NumericText(e, index)!, out var d) ? d : throw new DicomValueException(tag, $"value #{index} is not a decimal string."),
            DicomVR.FL or DicomVR.OF => e.GetValue<float>(index),
            DicomVR.FD or DicomVR.OD => e.GetValue<double>(index),
            _ => GetInteger(tag, index),
        };
    }

    /// <summary>Value <paramref name="index"/> of a DS/IS element, or null when it is missing or only padding (an empty
    /// Type 2 value).</summary>
    private static string? NumericText(DicomElement e, int index)
    {
        var values = e.GetStrings();
        return index < values.Length && values[index].Length > 0 ? values[index] : null;
    }

    public DateOnly? GetDate(DicomTag tag) =>
        GetSingleString(tag) is { } s && DicomDateTime.TryParseDate(s, out var d) ? d : null;

    public TimeOnly? GetTime(DicomTag tag) =>
        GetSingleString(tag) is { } s && DicomDateTime.TryParseTime(s, out var t) ? t : null;

    public DateTimeOffset? GetDateTime(DicomTag tag) =>
        GetSingleString(tag) is { } s && DicomDateTime.TryParseDateTime(s, out var dt) ? dt : null;

    public DicomPersonName? GetPersonName(DicomTag tag) =>
        GetElement(tag) is { Length: > 0 } e ? DicomPersonName.Parse(e.GetStrings(CharacterSet)[0]) : null;

    // ---- setters --------------------------------------------------------------------------------------------

    public void SetString(DicomTag tag, DicomVR vr, params string[] values) =>
        Set(DicomElement.FromStrings(tag, vr, values, tag == DicomTag.SpecificCharacterSet ? null : CharacterSet));

    public void SetValues<T>(DicomTag tag, DicomVR vr, params T[] values) where T : unmanaged =>
        Set(DicomElement.FromValues(tag, vr, values));

    // ---- private tags ---------------------------------------------------------------------------------------

    /// <summary>The creator string reserving the block that <paramref name="privateTag"/> lies in, if any.</summary>
    public string? GetPrivateCreator(DicomTag privateTag)
    {
        if (!privateTag.IsPrivate || privateTag.IsPrivateCreator || privateTag.Element < 0x1000) return null;
        return GetSingleString(privateTag.PrivateCreatorTag);
    }

    /// <summary>Finds (or with <paramref name="reserve"/> reserves) the block of <paramref name="creator"/> in an odd group
    /// and returns the tag of <paramref name="offset"/> within it.</summary>
    public DicomTag? GetPrivateTag(ushort group, string creator, byte offset, bool reserve = false)
    {
        if ((group & 1) == 0) throw new ArgumentException("Private groups are odd.", nameof(group));
        ushort free = 0;
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var t = new DicomTag(group, block);
            var c = GetSingleString(t);
            if (c is null) { if (free == 0) free = block; continue; }
            if (string.Equals(c, creator, StringComparison.Ordinal)) return new DicomTag(group, (ushort)((block << 8) | offset));
        }
        if (!reserve || free == 0) return null;
        SetString(new DicomTag(group, free), DicomVR.LO, creator);
        return new DicomTag(group, (ushort)((free << 8) | offset));
    }

    public IEnumerator<DicomAttribute> GetEnumerator()
    {
        MergePending();
        return _attributes.GetEnumerator();
    }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
