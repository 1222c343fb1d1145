namespace Imaging.Dicom.IO;

/// <summary>Forwards writes after reversing each <c>unit</c>-byte word: the big-endian path for values streamed from disk.</summary>
internal sealed class ByteSwappingWriteStream(Stream inner, int unit) : Stream
{
    private readonly byte[] _carry = new byte[8];
    private int _carried;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length + _carried);
        try
        {
            _carry.AsSpan(0, _carried).CopyTo(copy);
            buffer.CopyTo(copy.AsSpan(_carried));
            var total = buffer.Length + _carried;
            var whole = total - total % unit;
            Data.FileRangeBuffer.Swap(copy.AsSpan(0, whole), unit);
            inner.Write(copy, 0, whole);
            _carried = total - whole;
            copy.AsSpan(whole, _carried).CopyTo(_carry);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Writes a trailing partial word unswapped (only odd-length values, which are malformed anyway).</summary>
    public override void Flush()
    {
        if (_carried > 0) inner.Write(_carry, 0, _carried);
        _carried = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
