using System.Buffers;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>MONOCHROME1/2 frames to 8-bit gray: stored value → modality LUT → VOI LUT → presentation LUT (PS3.14 Figure 2-1).</summary>
internal static class GrayscaleRenderer
{
    /// <summary>The largest Bits Stored rendered through one table entry per possible stored value.</summary>
    private const int TableBits = 16;

    /// <param name="voi">The VOI stage, or null for an automatic window over this frame's modality values.</param>
    public static byte[] Render(ReadOnlySpan<byte> samples, int pixelCount, SampleFormat format, ModalityTransform modality,
        VoiTransform? voi, AutoWindowMode autoWindow, bool invert)
    {
        var output = new byte[pixelCount];
        if (format.BitsStored <= TableBits)
        {
            // Every stored value maps to one output level: compute each level once, then one lookup per pixel.
            var levels = 1 << format.BitsStored;
            var counts = voi is null ? new int[levels] : null;
            if (counts is not null)
            {
                for (var i = 0; i < pixelCount; i++) counts[format.ReadPattern(samples, i)]++;
                voi = AutoWindow(counts, format, modality, autoWindow);
            }
            var table = ArrayPool<byte>.Shared.Rent(levels);
            try
            {
                for (var pattern = 0; pattern < levels; pattern++)
                {
                    table[pattern] = VoiTransform.Present(voi!.Map(modality.Apply(format.ToValue((uint)pattern))), invert);
                }
                Apply(samples, pixelCount, format, table, output);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(table);
            }
            return output;
        }

        var values = new double[pixelCount];
        for (var i = 0; i < pixelCount; i++) values[i] = modality.Apply(format.ReadValue(samples, i));
        voi ??= AutoWindow(values, autoWindow);
        for (var i = 0; i < pixelCount; i++) output[i] = VoiTransform.Present(voi.Map(values[i]), invert);
        return output;
    }

    private static void Apply(ReadOnlySpan<byte> samples, int pixelCount, SampleFormat format, byte[] table, byte[] output)
    {
        var mask = format.Mask;
        var shift = format.Shift;
        if (format.BytesPerSample == 2)
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(samples[..(pixelCount * 2)]);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Rendering needs a little-endian machine");
            for (var i = 0; i < output.Length; i++) output[i] = table[(words[i] >> shift) & mask];
            return;
        }
        if (format.BytesPerSample == 1)
        {
            for (var i = 0; i < output.Length; i++) output[i] = table[(samples[i] >> shift) & mask];
            return;
        }
        for (var i = 0; i < output.Length; i++) output[i] = table[format.ReadPattern(samples, i)];
    }

    /// <summary>A window over the frame's modality values, from a count of each stored value.</summary>
    private static VoiTransform AutoWindow(int[] counts, SampleFormat format, ModalityTransform modality, AutoWindowMode mode)
    {
        var present = new List<(double Value, int Count)>();
        for (var pattern = 0; pattern < counts.Length; pattern++)
        {
            if (counts[pattern] > 0) present.Add((modality.Apply(format.ToValue((uint)pattern)), counts[pattern]));
        }
        present.Sort((a, b) => a.Value.CompareTo(b.Value));
        if (mode == AutoWindowMode.MinMax) return Span(present[0].Value, present[^1].Value);
        long total = 0;
        foreach (var (_, count) in present) total += count;
        return Span(Percentile(present, total, 0.01), Percentile(present, total, 0.99));
    }

    private static VoiTransform AutoWindow(double[] values, AutoWindowMode mode)
    {
        if (mode == AutoWindowMode.MinMax)
        {
            double min = double.MaxValue, max = double.MinValue;
            foreach (var v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
            return Span(min, max);
        }
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return Span(sorted[(int)((sorted.Length - 1) * 0.01)], sorted[(int)((sorted.Length - 1) * 0.99)]);
    }

    private static double Percentile(List<(double Value, int Count)> sorted, long total, double fraction)
    {
        var rank = (long)((total - 1) * fraction);
        long seen = 0;
        foreach (var (value, count) in sorted)
        {
            seen += count;
            if (seen > rank) return value;
        }
        return sorted[^1].Value;
    }

    /// <summary>The LINEAR window whose ramp starts at <paramref name="low"/> and ends at <paramref name="high"/>
    /// (center (low + high + 1) / 2, width high - low + 1: the c - 0.5 and w - 1 of C.11.2.1.2.1 cancel out).</summary>
    private static VoiTransform Span(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high)) throw new PixelDataException("The frame has no finite values to window");
        return VoiTransform.FromWindow(new VoiWindow((low + high + 1) / 2, high - low + 1));
    }
}
