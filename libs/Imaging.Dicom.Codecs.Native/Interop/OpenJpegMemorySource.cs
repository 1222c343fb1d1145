using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>An OpenJPEG input stream's user data: a pinned encoded frame and the read position in it.</summary>
/// <remarks>The callbacks run on the decoding thread inside opj_read_header/opj_decode; they never throw and never
/// touch memory outside [Data, Data + Length).</remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegMemorySource
{
    public byte* Data;
    public long Length;
    public long Position;

    /// <summary><c>opj_stream_read_fn</c>: copies up to <paramref name="count"/> bytes; (OPJ_SIZE_T)-1 at the end.</summary>
    [UnmanagedCallersOnly]
    public static nuint Read(void* buffer, nuint count, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        var remaining = source->Length - source->Position;
        if (remaining <= 0) return nuint.MaxValue;
        var n = (long)Math.Min((ulong)remaining, (ulong)count);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, n, n);
        source->Position += n;
        return (nuint)n;
    }

    /// <summary><c>opj_stream_skip_fn</c>: moves by <paramref name="count"/>; -1 when that leaves the data.</summary>
    [UnmanagedCallersOnly]
    public static long Skip(long count, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        var target = source->Position + count;
        if (count > source->Length || target > source->Length)
        {
            source->Position = source->Length;
            return -1;
        }
        if (target < 0) return -1;
        source->Position = target;
        return count;
    }

    /// <summary><c>opj_stream_seek_fn</c>: moves to an absolute offset inside the data; false (0) otherwise.</summary>
    [UnmanagedCallersOnly]
    public static int Seek(long offset, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        if (offset < 0 || offset > source->Length) return 0;
        source->Position = offset;
        return 1;
    }
}
