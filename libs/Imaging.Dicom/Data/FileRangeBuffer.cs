using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Imaging.Dicom.Data;

/// <summary>A value that stays in its file until asked for: reading a header never pays for the pixel data.</summary>
/// <remarks>The file is opened per access rather than held open, so a dataset can outlive the reader without
/// pinning file handles; <paramref name="swapUnit"/> &gt; 1 means the file is big endian and the bytes are
/// swapped on the way out.</remarks>
public sealed class FileRangeBuffer(string path, long offset, long length, int swapUnit) : DicomBuffer
{
    private const int ChunkSize = 1 << 20;

    public string Path { get; } = path;
    public long Offset { get; } = offset;
    public int SwapUnit { get; } = swapUnit;
    public override long Length { get; } = length;
    public override bool IsLoaded => false;

    public override ReadOnlyMemory<byte> GetMemory()
    {
        if (Length > Array.MaxLength)
            throw new InvalidOperationException($"Value of {Length} bytes is too large to load at once; stream it instead.");
        var bytes = GC.AllocateUninitializedArray<byte>((int)Length);
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        ReadExactly(handle, bytes, Offset);
        Swap(bytes, SwapUnit);
        return bytes;
    }

    public override async ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkSize, Math.Max(Length, 1)));
        try
        {
            long done = 0;
            while (done < Length)
            {
                var want = (int)Math.Min(chunk.Length - chunk.Length % 8, Length - done);
                var read = 0;
                while (read < want)
                {
                    var n = await RandomAccess.ReadAsync(handle, chunk.AsMemory(read, want - read), Offset + done + read, cancellationToken).ConfigureAwait(false);
                    if (n == 0) throw new EndOfStreamException($"File '{Path}' ended inside a value at offset {Offset + done + read}.");
                    read += n;
                }
                Swap(chunk.AsSpan(0, want), SwapUnit);
                await destination.WriteAsync(chunk.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                done += want;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public override void CopyTo(Stream destination)
    {
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkSize, Math.Max(Length, 1)));
        try
        {
            long done = 0;
            while (done < Length)
            {
                var want = (int)Math.Min(chunk.Length - chunk.Length % 8, Length - done);
                ReadExactly(handle, chunk.AsSpan(0, want), Offset + done);
                Swap(chunk.AsSpan(0, want), SwapUnit);
                destination.Write(chunk, 0, want);
                done += want;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> target, long position)
    {
        while (!target.IsEmpty)
        {
            var n = RandomAccess.Read(handle, target, position);
            if (n == 0) throw new EndOfStreamException($"File '{Path}' ended inside a value at offset {position}.");
            target = target[n..];
            position += n;
        }
    }

    internal static void Swap(Span<byte> bytes, int unit)
    {
        switch (unit)
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(bytes[..(bytes.Length & ~1)]);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(bytes[..(bytes.Length & ~3)]);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(bytes[..(bytes.Length & ~7)]);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
        }
    }
}
