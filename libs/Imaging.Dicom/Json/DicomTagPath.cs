using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Json;

/// <summary>Where an attribute lies in a dataset tree: each enclosing sequence tag with the item index, then its own tag.</summary>
/// <remarks>The item indexes are what make the path unique: the same tag occurs once per item of, say, a per-frame
/// functional groups sequence, and a bulk data URI has to tell those values apart.</remarks>
public sealed class DicomTagPath : IEquatable<DicomTagPath>
{
    private readonly DicomTag[] _tags;
    private readonly int[] _items;

    /// <param name="tags">Outermost sequence first, the attribute's own tag last.</param>
    /// <param name="itemIndexes">Zero-based item index within each enclosing sequence; one fewer than <paramref name="tags"/>.</param>
    public DicomTagPath(IReadOnlyList<DicomTag> tags, IReadOnlyList<int> itemIndexes)
    {
        if (tags.Count == 0) throw new ArgumentException("A path names at least one tag.", nameof(tags));
        if (itemIndexes.Count != tags.Count - 1)
            throw new ArgumentException("There is one item index per enclosing sequence.", nameof(itemIndexes));
        if (itemIndexes.Any(i => i < 0)) throw new ArgumentOutOfRangeException(nameof(itemIndexes), "Item indexes are zero or more.");
        _tags = tags.ToArray();
        _items = itemIndexes.ToArray();
    }

    /// <summary>A top-level attribute.</summary>
    public DicomTagPath(DicomTag tag) : this([tag], []) { }

    /// <summary>Outermost sequence first; the last entry is <see cref="Tag"/>.</summary>
    public IReadOnlyList<DicomTag> Tags => _tags;

    /// <summary>Zero-based index of the item taken in each enclosing sequence.</summary>
    public IReadOnlyList<int> ItemIndexes => _items;

    /// <summary>The attribute's own tag.</summary>
    public DicomTag Tag => _tags[^1];

    /// <summary>Number of sequences enclosing the attribute (0 at top level).</summary>
    public int Depth => _items.Length;

    /// <summary>Slash-separated form, e.g. "52009230/3/00289110/0/00280030", usable as a URI path suffix.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(_tags.Length * 12);
        for (var i = 0; i < _tags.Length; i++)
        {
            if (i > 0) sb.Append('/').Append(_items[i - 1]).Append('/');
            sb.Append(_tags[i].ToHex());
        }
        return sb.ToString();
    }

    public bool Equals(DicomTagPath? other) =>
        other is not null && _tags.AsSpan().SequenceEqual(other._tags) && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as DicomTagPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var t in _tags) hash.Add(t);
        foreach (var i in _items) hash.Add(i);
        return hash.ToHashCode();
    }
}
