namespace Imaging.Dicom.Data;

/// <summary>A sequence of items (SQ, or UN of undefined length parsed as one).</summary>
public sealed class DicomSequence : DicomAttribute
{
    private readonly List<DicomDataset> _items = [];

    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null) : this(tag, DicomVR.SQ, items) { }

    public DicomSequence(DicomTag tag, DicomVR vr, IEnumerable<DicomDataset>? items = null) : base(tag, vr)
    {
        if (items is null) return;
        foreach (var item in items) Add(item);
    }

    public IReadOnlyList<DicomDataset> Items => _items;

    /// <summary>Whether the source encoded it with undefined length; writers may keep that for fidelity. New
    /// sequences default to undefined length, which streams without measuring.</summary>
    public bool UndefinedLength { get; set; } = true;

    public void Add(DicomDataset item)
    {
        item.Parent = this;
        _items.Add(item);
    }

    /// <summary>The dataset that holds this sequence; items inherit its character set.</summary>
    public DicomDataset? Owner { get; internal set; }
}
