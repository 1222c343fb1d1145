using Imaging.Dicom.Data;

namespace Imaging.Dicom.Dump;

/// <summary>Reads the first bytes of a value without loading all of it.</summary>
/// <remarks>A dump shows a few dozen bytes of pixel data; loading hundreds of megabytes to print them would make
/// dumping a large multi-frame file slow and memory-hungry.</remarks>
internal static class BufferPrefix
{
    public static ReadOnlyMemory<byte> Read(DicomBuffer buffer, long count)
    {
        if (count >= buffer.Length) return buffer.GetMemory();
        if (buffer is not FileRangeBuffer file) return buffer.GetMemory()[..(int)count];

        // Whole swap units only, so the byte-order fix-up below never splits a value.
        var bytes = new byte[Math.Min((count + 7) & ~7L, buffer.Length)];
        using var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var filled = 0;
        while (filled < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(filled), file.Offset + filled);
            if (n == 0) throw new EndOfStreamException($"File '{file.Path}' ended inside a value at offset {file.Offset + filled}.");
            filled += n;
        }
        FileRangeBuffer.Swap(bytes, file.SwapUnit);
        return bytes;
    }
}
