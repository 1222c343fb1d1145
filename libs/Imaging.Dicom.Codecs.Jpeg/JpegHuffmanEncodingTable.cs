namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>An optimal Huffman code for the 17 lossless difference categories, limited to 16-bit codes (T.81 K.2).</summary>
internal sealed class JpegHuffmanEncodingTable
{
    public const int Symbols = 17;

    private JpegHuffmanEncodingTable(byte[] counts, byte[] values, int[] codes, int[] lengths)
    {
        Counts = counts;
        Values = values;
        Codes = codes;
        Lengths = lengths;
    }

    /// <summary>BITS: how many codes have each length 1..16.</summary>
    public byte[] Counts { get; }

    /// <summary>HUFFVAL: the symbols in order of increasing code length.</summary>
    public byte[] Values { get; }

    public int[] Codes { get; }

    public int[] Lengths { get; }

    /// <summary>Builds the code from symbol frequencies; symbols never seen get no code.</summary>
    public static JpegHuffmanEncodingTable Build(ReadOnlySpan<long> frequencies)
    {
        // One reserved symbol with the lowest frequency keeps any real code from being all ones (K.2).
        const int reserved = Symbols;
        var frequency = new long[Symbols + 1];
        for (var i = 0; i < Symbols; i++) frequency[i] = frequencies[i];
        frequency[reserved] = 1;
        var size = new int[Symbols + 1];
        var chain = new int[Symbols + 1];
        Array.Fill(chain, -1);
        while (true)
        {
            // The two least frequent live trees (ties go to the higher symbol, as in K.2) are merged.
            int v1 = -1, v2 = -1;
            for (var i = 0; i <= Symbols; i++)
                if (frequency[i] > 0 && (v1 < 0 || frequency[i] <= frequency[v1])) v1 = i;
            for (var i = 0; i <= Symbols; i++)
                if (frequency[i] > 0 && i != v1 && (v2 < 0 || frequency[i] <= frequency[v2])) v2 = i;
            if (v2 < 0) break;
            frequency[v1] += frequency[v2];
            frequency[v2] = 0;
            for (var i = v1; ; i = chain[i])
            {
                size[i]++;
                if (chain[i] < 0)
                {
                    chain[i] = v2;
                    break;
                }
            }
            for (var i = v2; i >= 0; i = chain[i]) size[i]++;
        }

        var bits = new int[64];
        for (var i = 0; i <= Symbols; i++)
            if (size[i] > 0) bits[size[i]]++;
        // Shorten codes longer than 16 bits by moving pairs up the tree (K.2, Adjust_BITS).
        for (var i = bits.Length - 1; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                var j = i - 2;
                while (bits[j] == 0) j--;
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        // Drop the reserved symbol from the longest length.
        var longest = 16;
        while (bits[longest] == 0) longest--;
        bits[longest]--;

        var counts = new byte[16];
        for (var i = 1; i <= 16; i++) counts[i - 1] = (byte)bits[i];
        var values = new List<byte>();
        for (var length = 1; length <= 63; length++)
            for (var s = 0; s < Symbols; s++)
                if (size[s] == length) values.Add((byte)s);

        var codes = new int[Symbols];
        var lengths = new int[Symbols];
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var n = 0; n < counts[length - 1]; n++, k++, code++)
            {
                codes[values[k]] = code;
                lengths[values[k]] = length;
            }
            code <<= 1;
        }
        return new JpegHuffmanEncodingTable(counts, values.ToArray(), codes, lengths);
    }
}
