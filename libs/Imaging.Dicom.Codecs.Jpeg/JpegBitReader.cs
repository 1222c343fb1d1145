using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Reads the entropy-coded segment of a JPEG scan MSB first, removing stuffed zero bytes (T.81 F.1.2.3).</summary>
/// <remarks>At a marker or at the end of the data it feeds zero bits, as decoders conventionally do, but counts them:
/// <see cref="HasOverrun"/> tells when a decode has consumed bits the stream never held (a truncated scan).</remarks>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _bits;
    private int _count;
    private int _paddedBytes;
    private bool _atMarker;

    public JpegBitReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _position = start;
    }

    /// <summary>Where the entropy-coded data stopped: the 0xFF of the marker that ended it, or the end of the data.</summary>
    public readonly int Position => _position;

    /// <summary>True once more bits were consumed than the segment held before its marker or the end of the data.</summary>
    public readonly bool HasOverrun => _paddedBytes * 8 > _count;

    private void Fill()
    {
        var data = _data;
        while (_count <= 56)
        {
            uint b = 0;
            if (!_atMarker && _position < data.Length)
            {
                b = data[_position];
                if (b == 0xFF)
                {
                    if (_position + 1 < data.Length && data[_position + 1] == 0x00)
                    {
                        _position += 2;
                    }
                    else
                    {
                        _atMarker = true;
                        b = 0;
                        _paddedBytes++;
                    }
                }
                else
                {
                    _position++;
                }
            }
            else
            {
                _atMarker = true;
                _paddedBytes++;
            }
            _bits |= (ulong)b << (56 - _count);
            _count += 8;
        }
    }

    /// <summary>The next <paramref name="n"/> (1..24) bits without consuming them.</summary>
    public int Peek(int n)
    {
        if (_count < n) Fill();
        return (int)(_bits >> (64 - n));
    }

    public void Skip(int n)
    {
        _bits <<= n;
        _count -= n;
    }

    /// <summary>Reads <paramref name="n"/> (1..16) bits as an unsigned value.</summary>
    public int Receive(int n)
    {
        if (_count < n) Fill();
        var value = (int)(_bits >> (64 - n));
        _bits <<= n;
        _count -= n;
        return value;
    }

    /// <summary>Reads the <paramref name="ssss"/> additional bits of a difference and extends their sign (T.81 F.2.2.1).</summary>
    public int ReceiveExtend(int ssss)
    {
        if (ssss == 0) return 0;
        var value = Receive(ssss);
        return value < 1 << (ssss - 1) ? value - (1 << ssss) + 1 : value;
    }

    /// <summary>Skips the RSTn marker that must end a restart interval and starts the next interval on a byte boundary.</summary>
    public void Restart(int expected)
    {
        if (HasOverrun) throw new PixelDataException("JPEG scan data ends before a restart interval is complete");
        // Bits left in the buffer are the pad of the last byte; the marker follows the bytes already read.
        var p = _position;
        while (p < _data.Length && _data[p] == 0xFF && p + 1 < _data.Length && _data[p + 1] == 0xFF) p++;
        if (p + 1 >= _data.Length || _data[p] != 0xFF || _data[p + 1] != 0xD0 + expected)
            throw new PixelDataException($"JPEG restart marker RST{expected} expected at byte {p}");
        _position = p + 2;
        _bits = 0;
        _count = 0;
        _paddedBytes = 0;
        _atMarker = false;
    }
}
