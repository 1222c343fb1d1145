using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Finds the frames of multi-frame JPEG Pixel Data split over more fragments than frames with no basic offset
/// table: every JPEG frame begins with SOI, so a fragment that starts with FF D8 starts a frame (PS3.5 A.4).</summary>
public static class JpegFrameLocator
{
    /// <summary>The encoded stream of each frame (its fragments joined); throws when the SOI count is not <paramref name="frames"/>.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> SplitFrames(DicomFragmentSequence pixelData, int frames)
    {
        ArgumentNullException.ThrowIfNull(pixelData);
        var starts = new List<int>();
        for (var i = 0; i < pixelData.Fragments.Count; i++)
        {
            var span = pixelData.Fragments[i].GetMemory().Span;
            if (span.Length >= 2 && span[0] == 0xFF && span[1] == 0xD8) starts.Add(i);
        }
        if (starts.Count != frames || starts.Count == 0 || starts[0] != 0)
            throw new PixelDataException($"{pixelData.Fragments.Count} fragments hold {starts.Count} JPEG frame starts (SOI), the dataset says {frames} frames");
        var result = new List<ReadOnlyMemory<byte>>(frames);
        for (var f = 0; f < frames; f++)
        {
            var end = f + 1 < frames ? starts[f + 1] : pixelData.Fragments.Count;
            long total = 0;
            for (var i = starts[f]; i < end; i++) total += pixelData.Fragments[i].Length;
            if (total > int.MaxValue) throw new PixelDataException($"JPEG frame {f} spans {total} bytes, over 2 GiB");
            var joined = new byte[total];
            var offset = 0;
            for (var i = starts[f]; i < end; i++)
            {
                var span = pixelData.Fragments[i].GetMemory().Span;
                span.CopyTo(joined.AsSpan(offset));
                offset += span.Length;
            }
            result.Add(joined);
        }
        return result;
    }
}
