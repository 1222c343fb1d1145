namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>One component of a SOF segment (T.81 B.2.2).</summary>
internal readonly record struct JpegComponent(byte Id, int Horizontal, int Vertical);

/// <summary>The SOF segment of a JPEG stream: process, precision, dimensions and components (T.81 B.2.2).</summary>
internal sealed record JpegFrameHeader(int Marker, int Precision, int Lines, int SamplesPerLine, JpegComponent[] Components, int Offset)
{
    public bool IsLossless => Marker is 0xC3 or 0xC7 or 0xCB or 0xCF;

    public bool IsBaselineOrExtendedHuffman => Marker is 0xC0 or 0xC1;

    public int ComponentIndex(byte id) => Array.FindIndex(Components, c => c.Id == id);
}
