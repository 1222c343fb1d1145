using System.Buffers.Binary;
using System.Text;

namespace Imaging.Dicom.Tests.Text;

/// <summary>Finds the raw value bytes of a top-level element in an Explicit VR Little Endian Part 10 file, so that
/// character set tests do not depend on the library's own file reader.</summary>
internal static class RawElements
{
    public static byte[] Find(string path, ushort group, ushort element) =>
        TryFind(File.ReadAllBytes(path), group, element)
        ?? throw new InvalidOperationException($"({group:X4},{element:X4}) not found in {path}.");

    public static byte[]? TryFind(byte[] file, ushort group, ushort element)
    {
        if (file.Length < 132 || Encoding.ASCII.GetString(file, 128, 4) != "DICM")
            throw new InvalidDataException("Not a Part 10 file (no DICM prefix).");
        var target = (uint)(group << 16 | element);
        var pos = 132;
        while (pos + 8 <= file.Length)
        {
            var (tag, valueStart, length) = ReadHeader(file, pos);
            if (tag == target) return file.AsSpan(valueStart, (int)length).ToArray();
            if (tag == 0x0002_0010 && !Encoding.ASCII.GetString(file, valueStart, (int)length).TrimEnd('\0', ' ').Equals("1.2.840.10008.1.2.1", StringComparison.Ordinal))
                throw new InvalidDataException("Only Explicit VR Little Endian datasets are supported by this helper.");
            pos = length == uint.MaxValue ? SkipUndefinedLength(file, valueStart) : valueStart + (int)length;
        }
        return null;
    }

    private static (uint Tag, int ValueStart, uint Length) ReadHeader(byte[] file, int pos)
    {
        var tag = (uint)(BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(pos)) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(pos + 2)));
        if (tag >> 16 == 0xFFFE) return (tag, pos + 8, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 4)));
        var vr = Encoding.ASCII.GetString(file, pos + 4, 2);
        return vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV"
            ? (tag, pos + 12, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 8)))
            : (tag, pos + 8, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(pos + 6)));
    }

    /// <summary>Skips a sequence (or encapsulated pixel data) of undefined length; returns the index after its delimiter.</summary>
    private static int SkipUndefinedLength(byte[] file, int pos)
    {
        while (pos + 8 <= file.Length)
        {
            var (tag, valueStart, length) = ReadHeader(file, pos);
            if (tag == 0xFFFE_E0DD) return valueStart;
            if (tag == 0xFFFE_E000 && length == uint.MaxValue) pos = SkipItem(file, valueStart);
            else pos = valueStart + (int)length;
        }
        return file.Length;
    }

    private static int SkipItem(byte[] file, int pos)
    {
        while (pos + 8 <= file.Length)
        {
            var (tag, valueStart, length) = ReadHeader(file, pos);
            if (tag == 0xFFFE_E00D) return valueStart;
            pos = length == uint.MaxValue ? SkipUndefinedLength(file, valueStart) : valueStart + (int)length;
        }
        return file.Length;
    }
}

/// <summary>Corpus files and raw values for the character set tests.</summary>
internal static class TestFiles
{
    public static string Interop(string relativePath) => global::Imaging.Dicom.Tests.Support.TestPaths.Corpus(Path.Combine("interop", relativePath));

    /// <summary>The values of a CS element such as (0008,0005).</summary>
    public static string[] Ascii(byte[] value) => Encoding.ASCII.GetString(value).TrimEnd(' ', '\0').Split('\\');
}
