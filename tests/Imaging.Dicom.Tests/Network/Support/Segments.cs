using System.Buffers;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Builds multi-segment sequences, the shape a pipe hands out when a PDU straddles buffer boundaries.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var points = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().ToList();
        if (points.Count == 0) return new ReadOnlySequence<byte>(bytes);
        var first = new Segment(bytes.AsMemory(0, points[0]), 0);
        var last = first;
        for (var i = 0; i < points.Count; i++)
        {
            var end = i + 1 < points.Count ? points[i + 1] : bytes.Length;
            last = last.Append(bytes.AsMemory(points[i], end - points[i]));
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
