using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Imaging;

/// <summary>Reads part of a native Pixel Data value; a value still on disk is read for that range only, so one frame of
/// a large multi-frame file costs one frame of IO.</summary>
internal static class NativeRange
{
    public static ReadOnlyMemory<byte> Read(DicomBuffer buffer, long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > buffer.Length)
            throw new PixelDataException($"Bytes {offset}..{offset + length} lie outside the {buffer.Length}-byte Pixel Data value");
        if (buffer is FileRangeBuffer file && offset % Math.Max(file.SwapUnit, 1) == 0)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(length);
            using var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var target = bytes.AsSpan();
            var position = file.Offset + offset;
            while (!target.IsEmpty)
            {
                var n = RandomAccess.Read(handle, target, position);
                if (n == 0) throw new PixelDataException($"File '{file.Path}' ended inside the Pixel Data at offset {position}");
                target = target[n..];
                position += n;
            }
            Swap(bytes, file.SwapUnit);
            return bytes;
        }
        return buffer.GetMemory().Slice(checked((int)offset), length);
    }

    private static void Swap(Span<byte> bytes, int unit)
    {
        if (unit == 2)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(bytes[..(bytes.Length & ~1)]);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else if (unit == 4)
        {
            var words = MemoryMarshal.Cast<byte, uint>(bytes[..(bytes.Length & ~3)]);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else if (unit == 8)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(bytes[..(bytes.Length & ~7)]);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
