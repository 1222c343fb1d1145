using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Imaging.Gateway.Tests;

/// <summary>Hostile Part 10 files built byte by byte, for the hostile-input tests of the gateway and of STOW-RS.</summary>
internal static class HostileDicomFiles
{
    private const string DeflatedExplicitVrLittleEndian = "1.2.840.10008.1.2.1.99";

    private static long _counter;

    private static string NewUid() => $"1.2.826.0.1.3680043.10.999.{Random.Shared.NextInt64(1, long.MaxValue)}.{Interlocked.Increment(ref _counter)}";

    /// <summary>A Part 10 file in Deflated Explicit VR Little Endian whose data set declares a private OB value of almost
    /// 4 GiB and inflates to <paramref name="inflatedBytes"/> zeros: a few hundred kilobytes on the wire.</summary>
    public static byte[] DeflateBomb(string study, string sopInstance, long inflatedBytes)
    {
        const string secondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var meta = new MemoryStream();
        WriteElement(meta, 0x0002, 0x0001, "OB", [0, 1]);
        WriteElement(meta, 0x0002, 0x0002, "UI", Uid(secondaryCapture));
        WriteElement(meta, 0x0002, 0x0003, "UI", Uid(sopInstance));
        WriteElement(meta, 0x0002, 0x0010, "UI", Uid(DeflatedExplicitVrLittleEndian));
        WriteElement(meta, 0x0002, 0x0012, "UI", Uid("1.2.826.0.1.3680043.10.999.1"));
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        WriteElement(file, 0x0002, 0x0000, "UL", length);
        meta.Position = 0;
        meta.CopyTo(file);

        using (var deflate = new DeflateStream(file, CompressionLevel.Fastest, leaveOpen: true))
        {
            WriteElement(deflate, 0x0008, 0x0016, "UI", Uid(secondaryCapture));
            WriteElement(deflate, 0x0008, 0x0018, "UI", Uid(sopInstance));
            WriteElement(deflate, 0x0020, 0x000D, "UI", Uid(study));
            WriteElement(deflate, 0x0020, 0x000E, "UI", Uid(NewUid()));
            // (0009,1001) OB of 0xFFFFFFF0 bytes: long form header, then zeros for as long as the bomb should inflate.
            deflate.Write([0x09, 0x00, 0x01, 0x10, (byte)'O', (byte)'B', 0, 0, 0xF0, 0xFF, 0xFF, 0xFF]);
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < inflatedBytes; written += zeros.Length) deflate.Write(zeros);
        }
        return file.ToArray();
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static void WriteElement(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            stream.Write(header.AsSpan(0, 6));
            stream.Write(new byte[2]);
            var longLength = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(longLength, (uint)value.Length);
            stream.Write(longLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)value.Length);
            stream.Write(header);
        }
        stream.Write(value);
    }
}
