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

    public int Count => _attributes.Count;

    /// <summary>The sequence this dataset is an item of, or null for a top-level dataset.</summary>
    public DicomSequence? Parent { get; internal set; }

    /// <summary>Whether the source encoded this item with undefined length (sequence items only).</summary>
    public bool UndefinedLength { get; set; }

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

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public bool TryGet(DicomTag tag, out DicomAttribute attribute)
    {
        var i = IndexOf(tag);
        attribute = i >= 0 ? _attributes[i] : null!;
        return i >= 0;
    }

    public DicomElement? GetElement(DicomTag tag) => this[tag] as DicomElement;

    public DicomSequence? GetSequence(DicomTag tag) => this[tag] as DicomSequence;

    /// <summary>Adds the attribute, replacing one with the same tag.</summary>
    public void Set(DicomAttribute attribute)
    {
        if (attribute.Tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        if (attribute is DicomSequence sq) sq.Owner = this;
        var n = _attributes.Count;
        if (n == 0 || _attributes[n - 1].Tag.Value < attribute.Tag.Value)
        {
            _attributes.Add(attribute);
            return;
        }
        var i = IndexOf(attribute.Tag);
        if (i >= 0) _attributes[i] = attribute;
        else _attributes.Insert(~i, attribute);
    }

    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0) return false;
        if (tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        _attributes.RemoveAt(i);
        return true;
    }

    public void RemoveWhere(Func<DicomAttribute, bool> predicate)
    {
        _attributes.RemoveAll(a => predicate(a));
        _characterSet = null;
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
            DicomVR.IS => e.GetIntegers()[index],
            DicomVR.DS => (long)e.GetDecimals()[index],
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
            DicomVR.DS => e.GetDecimals()[index],
            DicomVR.FL or DicomVR.OF => e.GetValue<float>(index),
            DicomVR.FD or DicomVR.OD => e.GetValue<double>(index),
            _ => GetInteger(tag, index),
        };
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

    public IEnumerator<DicomAttribute> GetEnumerator() => _attributes.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
