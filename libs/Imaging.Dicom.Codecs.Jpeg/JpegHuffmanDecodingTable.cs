using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>A Huffman table from a DHT segment, decoded through a 9-bit lookahead with a canonical-code fallback (T.81 C, F.2.2.3).</summary>
internal sealed class JpegHuffmanDecodingTable
{
    public const int LookaheadBits = 9;

    // Entry = length << 8 | value for codes of up to 9 bits; 0 sends the decode to the canonical search.
    private readonly ushort[] _lookahead = new ushort[1 << LookaheadBits];

    public ushort[] Lookahead => _lookahead;
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    private JpegHuffmanDecodingTable(byte[] values) => _values = values;

    /// <summary>Builds a table from BITS (16 counts) and HUFFVAL; throws when the counts describe no valid prefix code.</summary>
    public static JpegHuffmanDecodingTable Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        var table = new JpegHuffmanDecodingTable(values.ToArray());
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            table._valueOffset[length] = k - code;
            if (n == 0)
            {
                table._maxCode[length] = -1;
            }
            else
            {
                if (code + n > 1 << length) throw new PixelDataException("JPEG Huffman table has more codes than its lengths allow");
                for (var i = 0; i < n; i++, k++, code++)
                {
                    if (length <= LookaheadBits)
                    {
                        var shift = LookaheadBits - length;
                        var entry = (ushort)(length << 8 | values[k]);
                        table._lookahead.AsSpan(code << shift, 1 << shift).Fill(entry);
                    }
                }
                table._maxCode[length] = code - 1;
            }
            code <<= 1;
        }
        return table;
    }

    /// <summary>The symbol and code length of a code longer than the lookahead, from the next 16 bits.</summary>
    public (int Symbol, int Length) DecodeLong(int bits)
    {
        for (var length = LookaheadBits + 1; length <= 16; length++)
        {
            var code = bits >> (16 - length);
            if (code <= _maxCode[length]) return (_values[code + _valueOffset[length]], length);
        }
        throw new PixelDataException("JPEG scan data holds a code that is not in its Huffman table");
    }
}
