using System.Buffers;
using System.Buffers.Binary;

namespace Imaging.Dicom.IO;

/// <summary>A forward-only buffered view of a stream with absolute positions, cheap peeks and seek-based skips.</summary>
/// <remarks>Owns a pooled window; element headers are parsed straight out of it, so the header of a large file costs
/// a few buffer fills and no per-element copies.</remarks>
internal sealed class DicomInput : IDisposable
{
    private const int WindowSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _seekable;
    private byte[] _window;
    private int _pos;
    private int _len;
    private long _windowStart;

    public DicomInput(Stream stream, long startPosition, long? length)
    {
        _stream = stream;
        _seekable = stream.CanSeek;
        _window = ArrayPool<byte>.Shared.Rent(WindowSize);
        _windowStart = startPosition;
        Length = length;
    }

    /// <summary>Absolute position of the next unread byte.</summary>
    public long Position => _windowStart + _pos;

    /// <summary>Total length when known (seekable, not deflated), else null.</summary>
    public long? Length { get; }

    /// <summary>Bytes left when the length is known; otherwise long.MaxValue.</summary>
    public long Remaining => Length is { } l ? l - Position : long.MaxValue;

    public bool BigEndian { get; set; }

    /// <summary>Makes at least <paramref name="count"/> bytes available; false at end of input.</summary>
    public bool TryEnsure(int count)
    {
        if (_len - _pos >= count) return true;
        if (count > _window.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(count);
            Buffer.BlockCopy(_window, _pos, bigger, 0, _len - _pos);
            ArrayPool<byte>.Shared.Return(_window);
            _window = bigger;
        }
        else if (_pos > 0)
        {
            Buffer.BlockCopy(_window, _pos, _window, 0, _len - _pos);
        }
        _windowStart += _pos;
        _len -= _pos;
        _pos = 0;
        while (_len < count)
        {
            var n = _stream.Read(_window, _len, _window.Length - _len);
            if (n == 0) return false;
            _len += n;
        }
        return true;
    }

    public bool AtEnd => !TryEnsure(1);

    public ReadOnlySpan<byte> Peek(int count) => TryEnsure(count)
        ? _window.AsSpan(_pos, count)
        : throw new DicomFormatException($"Unexpected end of data: needed {count} more bytes", Position);

    /// <summary>Up to <paramref name="count"/> bytes without consuming them (fewer at end of input).</summary>
    public ReadOnlySpan<byte> PeekAvailable(int count)
    {
        TryEnsure(count);
        return _window.AsSpan(_pos, Math.Min(count, _len - _pos));
    }

    public void Advance(int count) => _pos += count;

    /// <summary>Bytes already read from the stream but not yet consumed (no further read is made).</summary>
    public ReadOnlySpan<byte> Buffered => _window.AsSpan(_pos, _len - _pos);

    public ushort ReadUInt16()
    {
        var s = Peek(2);
        _pos += 2;
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint ReadUInt32()
    {
        var s = Peek(4);
        _pos += 4;
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a new array, growing it in steps so that a
    /// length claimed by a hostile header cannot make us allocate more than the stream really holds.</summary>
    public byte[] ReadBytes(int count)
    {
        if (count == 0) return [];
        var available = _len - _pos;
        if (count <= available)
        {
            var small = _window.AsSpan(_pos, count).ToArray();
            _pos += count;
            return small;
        }
        if (Remaining < count) throw new DicomFormatException($"Value of {count} bytes runs past the end of the data", Position);
        // Without a known length, grow from the window size as bytes really arrive, so a lying header costs at most
        // about twice what the stream holds.
        var result = GC.AllocateUninitializedArray<byte>(Length is null ? Math.Min(count, Math.Max(available, WindowSize)) : count);
        _window.AsSpan(_pos, available).CopyTo(result);
        var filled = available;
        _windowStart += _len;
        _pos = _len = 0;
        while (filled < count)
        {
            if (filled == result.Length) Array.Resize(ref result, (int)Math.Min((long)result.Length * 2, count));
            var n = _stream.Read(result, filled, result.Length - filled);
            if (n == 0) throw new DicomFormatException($"Value of {count} bytes runs past the end of the data ({filled} present)", _windowStart);
            filled += n;
            _windowStart += n;
        }
        return result;
    }

    /// <summary>Moves forward <paramref name="count"/> bytes, seeking when possible.</summary>
    public void Skip(long count)
    {
        var available = _len - _pos;
        if (count <= available)
        {
            _pos += (int)count;
            return;
        }
        if (Remaining < count) throw new DicomFormatException($"Value of {count} bytes runs past the end of the data", Position);
        var target = Position + count;
        if (_seekable)
        {
            _stream.Seek(target - (_windowStart + _len), SeekOrigin.Current);
        }
        else
        {
            var left = count - available;
            while (left > 0)
            {
                var n = _stream.Read(_window, 0, (int)Math.Min(_window.Length, left));
                if (n == 0) throw new DicomFormatException("Unexpected end of data while skipping a value", target - left);
                left -= n;
            }
        }
        _windowStart = target;
        _pos = _len = 0;
    }

    public void Dispose()
    {
        var w = _window;
        _window = [];
        if (w.Length > 0) ArrayPool<byte>.Shared.Return(w);
    }
}
