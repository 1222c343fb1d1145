using System.Buffers.Binary;
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
        // Fast path: four bytes at once while none of them is 0xFF (no stuffing, no marker).
        while (_count <= 32 && !_atMarker && _position + 4 <= data.Length)
        {
            var word = BinaryPrimitives.ReadUInt32BigEndian(data[_position..]);
            var inverted = ~word;
            if (((inverted - 0x01010101u) & ~inverted & 0x80808080u) != 0) break;
            _bits |= (ulong)word << (32 - _count);
            _count += 32;
            _position += 4;
        }
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

    /// <summary>Decodes one lossless difference: a Huffman-coded category, then that many additional bits (T.81 H.1.2.2).</summary>
    public int DecodeDifference(JpegHuffmanDecodingTable table)
    {
        // One refill covers the longest case: a 16-bit code and 16 additional bits.
        if (_count < 32) Fill();
        int entry = table.Lookahead[(int)(_bits >> (64 - JpegHuffmanDecodingTable.LookaheadBits))];
        int ssss, length;
        if (entry != 0)
        {
            ssss = entry & 0xFF;
            length = entry >> 8;
        }
        else
        {
            (ssss, length) = table.DecodeLong((int)(_bits >> 48));
        }
        _bits <<= length;
        _count -= length;
        if (ssss == 0) return 0;
        if (ssss >= 16)
        {
            if (ssss > 16) throw new PixelDataException($"JPEG lossless difference category {ssss} is above 16");
            return 32768;
        }
        var value = (int)(_bits >> (64 - ssss));
        _bits <<= ssss;
        _count -= ssss;
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
