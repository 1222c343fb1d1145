namespace Imaging.Dicom.Data;

/// <summary>Encapsulated pixel data (PS3.5 A.4): a basic offset table item then one or more fragments.</summary>
public sealed class DicomFragmentSequence(DicomTag tag, DicomVR vr) : DicomAttribute(tag, vr)
{
    /// <summary>Basic offset table item (may be empty).</summary>
    public DicomBuffer OffsetTable { get; set; } = DicomBuffer.Empty;

    public List<DicomBuffer> Fragments { get; } = [];

    /// <summary>Offsets from the basic offset table, each relative to the first fragment's item tag.</summary>
    public uint[] GetBasicOffsets()
    {
        var bytes = OffsetTable.GetMemory().Span;
        var result = new uint[bytes.Length / 4];
        for (var i = 0; i < result.Length; i++) result[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
        return result;
    }
}
