using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>Works out which fragments of encapsulated Pixel Data hold which frame (PS3.5 A.4).</summary>
internal static class EncapsulatedFrameMap
{
    /// <summary>Fragment index and count of each frame, from (in this order) the Extended Offset Table, the Basic Offset
    /// Table, the one-frame and one-fragment-per-frame cases, or the codestream markers of JPEG-family syntaxes.</summary>
    public static (int First, int Count)[] Build(DicomDataset dataset, DicomFragmentSequence sequence, int frames, DicomTransferSyntax syntax)
    {
        var fragments = sequence.Fragments;
        if (fragments.Count == 0) throw new PixelDataException("Encapsulated Pixel Data has no fragments");
        var starts = FragmentStarts(fragments);

        if (dataset.GetElement(DicomTags.ExtendedOffsetTable) is { Length: > 0 } extended)
        {
            if (sequence.OffsetTable.Length != 0)
                throw new PixelDataException("Both an Extended Offset Table and a Basic Offset Table are present (PS3.5 A.4 allows one)");
            if (extended.Length % 8 != 0)
                throw new PixelDataException($"Extended Offset Table of {extended.Length} bytes is not a whole number of 64-bit offsets");
            var offsets = extended.GetValues<ulong>();
            if (offsets.Length != frames)
                throw new PixelDataException($"Extended Offset Table lists {offsets.Length} frames, Number of Frames is {frames}");
            return FromOffsets(offsets, starts, fragments.Count, "Extended offset table");
        }

        var basic = sequence.GetBasicOffsets();
        if (basic.Length > 0 && basic.Length == frames)
            return FromOffsets(Array.ConvertAll(basic, o => (ulong)o), starts, fragments.Count, "Basic offset table");

        var map = new (int First, int Count)[frames];
        if (frames == 1)
        {
            map[0] = (0, fragments.Count);
            return map;
        }
        if (fragments.Count == frames)
        {
            for (var f = 0; f < frames; f++) map[f] = (f, 1);
            return map;
        }
        if (IsMarkerDelimited(syntax) && TryFromMarkers(fragments, frames, out map)) return map;
        throw new PixelDataException($"{frames} frames in {fragments.Count} fragments without an offset table, and the fragments do not show where frames start");
    }

    private static long[] FragmentStarts(List<DicomBuffer> fragments)
    {
        // Offsets count from the first fragment's item tag; each item is 8 bytes of tag and length, then its value.
        var starts = new long[fragments.Count];
        long position = 0;
        for (var i = 0; i < fragments.Count; i++)
        {
            starts[i] = position;
            position += 8 + fragments[i].Length;
        }
        return starts;
    }

    private static (int First, int Count)[] FromOffsets(ulong[] offsets, long[] starts, int fragmentCount, string table)
    {
        var frames = offsets.Length;
        var map = new (int First, int Count)[frames];
        for (var f = 0; f < frames; f++)
        {
            var first = IndexOf(starts, offsets[f]);
            if (first < 0) throw new PixelDataException($"{table} entry {f} ({offsets[f]}) does not point at a fragment");
            int end;
            if (f + 1 < frames)
            {
                end = IndexOf(starts, offsets[f + 1]);
                if (end < 0) throw new PixelDataException($"{table} entry {f + 1} ({offsets[f + 1]}) does not point at a fragment");
            }
            else
            {
                end = fragmentCount;
            }
            if (end <= first) throw new PixelDataException($"{table} entries {f} and {f + 1} are not increasing");
            map[f] = (first, end - first);
        }
        return map;
    }

    private static int IndexOf(long[] starts, ulong offset) =>
        offset > long.MaxValue ? -1 : Math.Max(Array.BinarySearch(starts, (long)offset), -1);

    private static bool IsMarkerDelimited(DicomTransferSyntax syntax) =>
        syntax.Uid.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal) && !syntax.Uid.StartsWith("1.2.840.10008.1.2.4.10", StringComparison.Ordinal);

    // Without an offset table PS3.5 A.4 still lets a frame span several fragments, and nothing in the encapsulation
    // says where the next frame begins. JPEG, JPEG-LS and JPEG 2000 codestreams do: each starts with SOI (FFD8) or SOC
    // (FF4F) and ends with EOI/EOC (FFD9). Byte stuffing keeps FFD8 out of JPEG entropy-coded data, and requiring the
    // previous fragment to end with FFD9 as well keeps a chance FF4F inside a JPEG 2000 packet from splitting a frame.
    private static bool TryFromMarkers(List<DicomBuffer> fragments, int frames, out (int First, int Count)[] map)
    {
        map = new (int First, int Count)[frames];
        var frame = -1;
        var previousEnded = true;
        for (var i = 0; i < fragments.Count; i++)
        {
            var data = fragments[i].GetMemory().Span;
            if (previousEnded && StartsCodestream(data))
            {
                frame++;
                if (frame >= frames) return false;
                map[frame] = (i, 1);
            }
            else
            {
                if (frame < 0) return false;
                map[frame].Count++;
            }
            previousEnded = EndsCodestream(data);
        }
        return frame == frames - 1;
    }

    private static bool StartsCodestream(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0xFF && ((data[1] == 0xD8 && data[2] == 0xFF) || (data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51));

    private static bool EndsCodestream(ReadOnlySpan<byte> data)
    {
        // Fragments have even length, so an odd-length codestream ends with one pad byte after EOI.
        var end = data.Length;
        if (end > 0 && data[end - 1] == 0x00) end--;
        return end >= 2 && data[end - 2] == 0xFF && data[end - 1] == 0xD9;
    }
}
