using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Imaging.Browser.Tests.Support;

/// <summary>Small 8-bit greyscale PNGs (PNG spec: signature, IHDR, one zlib IDAT, IEND) standing in for rendered frames.</summary>
public static class TestPng
{
    /// <summary>A vertical gradient with a brighter band at <paramref name="band"/> (0..1), so two images differ visibly.</summary>
    public static byte[] Gradient(int width, int height, double band)
    {
        var raw = new byte[height * (width + 1)];
        var bandRow = (int)(band * height);
        for (var y = 0; y < height; y++)
        {
            var row = y * (width + 1);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
                raw[row + 1 + x] = (byte)(Math.Abs(y - bandRow) < height / 40 ? 230 : 40 + 120 * y / height * (x % 16 < 8 ? 1 : 0));
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        using (var deflated = new MemoryStream())
        {
            using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(raw);
            Chunk(png, "IDAT", deflated.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
