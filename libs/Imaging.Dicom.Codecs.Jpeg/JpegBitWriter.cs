using System.Buffers;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Writes entropy-coded bits MSB first into an <see cref="IBufferWriter{T}"/>, stuffing a zero byte after each 0xFF (T.81 F.1.2.3).</summary>
internal sealed class JpegBitWriter(IBufferWriter<byte> output)
{
    private const int ChunkSize = 64 * 1024;
    private ulong _bits;
    private int _count;
    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;

    /// <summary>Appends the low <paramref name="length"/> (0..32) bits of <paramref name="value"/>.</summary>
    public void Write(int value, int length)
    {
        if (length == 0) return;
        _bits = (_bits << length) | ((uint)value & ((1UL << length) - 1));
        _count += length;
        while (_count >= 8)
        {
            _count -= 8;
            var b = (byte)(_bits >> _count);
            Put(b);
            if (b == 0xFF) Put(0);
        }
    }

    /// <summary>Pads the last byte with one bits (T.81 F.1.2.3) and hands everything to the output.</summary>
    public void Complete()
    {
        if (_count > 0) Write((1 << (8 - _count)) - 1, 8 - _count);
        Flush();
        ArrayPool<byte>.Shared.Return(_chunk);
        _chunk = [];
    }

    private void Put(byte b)
    {
        if (_used == _chunk.Length) Flush();
        _chunk[_used++] = b;
    }

    private void Flush()
    {
        if (_used == 0) return;
        _chunk.AsSpan(0, _used).CopyTo(output.GetSpan(_used));
        output.Advance(_used);
        _used = 0;
    }
}
