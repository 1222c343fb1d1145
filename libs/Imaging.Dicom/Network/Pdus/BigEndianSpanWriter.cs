using System.Buffers.Binary;

namespace Imaging.Dicom.Network;

/// <summary>Writes PDU fields into a span that was sized beforehand; every PDU field is big endian (PS3.8 9.3.1).</summary>
internal ref struct BigEndianSpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    public void WriteByte(byte value) => _destination[Position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[Position..], value);
        Position += 4;
    }

    public void WriteZeros(int count)
    {
        _destination.Slice(Position, count).Clear();
        Position += count;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[Position..]);
        Position += bytes.Length;
    }

    /// <summary>Writes characters already checked to be ASCII (see <see cref="PduWriter"/>'s length pass).</summary>
    public void WriteAscii(string text)
    {
        var span = _destination.Slice(Position, text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        Position += text.Length;
    }

    /// <summary>An item header: type, a reserved byte, and the 16-bit length of what follows.</summary>
    public void WriteItemHeader(byte itemType, int length)
    {
        WriteByte(itemType);
        WriteByte(0);
        WriteUInt16((ushort)length);
    }
}
