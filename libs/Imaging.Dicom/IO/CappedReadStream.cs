namespace Imaging.Dicom.IO;

/// <summary>A read-only stream that fails once more than a set number of bytes has come through it.</summary>
/// <remarks>Wrapped around an inflater so a deflate bomb ends with a clear error instead of filling memory.</remarks>
internal sealed class CappedReadStream(Stream inner, long cap, string what) : Stream
{
    private long _total;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Never ask the inflater for more than the cap still allows (plus one byte to detect the overrun), so a bomb
        // stops at the cap rather than at the cap plus one caller-sized buffer.
        var allowed = cap - _total + 1;
        if (buffer.Length > allowed) buffer = buffer[..(int)Math.Max(1, allowed)];
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException($"Corrupt {what}: {ex.Message}", _total, ex);
        }
        _total += n;
        if (_total > cap) throw new DicomFormatException($"{what} exceeds the cap of {cap} bytes", _total);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
