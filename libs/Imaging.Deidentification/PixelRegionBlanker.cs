using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>Clean Pixel Data: sets the configured rectangles to zero in every frame and sample of native pixel data.
/// Encapsulated (compressed) pixel data is not decoded and re-encoded here: such instances stay quarantined.</summary>
internal static class PixelRegionBlanker
{
    /// <summary>The regions that apply to this instance (by modality and matrix).</summary>
    public static IReadOnlyList<CleanPixelRegion> Matching(DicomDataset dataset, IReadOnlyList<CleanPixelRegion> regions)
    {
        var modality = dataset.GetSingleString(new DicomTag(0x0008, 0x0060))?.Trim();
        var rows = dataset.GetInteger(new DicomTag(0x0028, 0x0010));
        var columns = dataset.GetInteger(new DicomTag(0x0028, 0x0011));
        return regions.Where(r =>
            (r.Modality is null || string.Equals(r.Modality, modality, StringComparison.OrdinalIgnoreCase)) &&
            (r.Rows is null || r.Rows == rows) && (r.Columns is null || r.Columns == columns)).ToArray();
    }

    /// <summary>Blanks <paramref name="regions"/>; returns why it could not (then the dataset is unchanged), or null.</summary>
    public static string? TryBlank(DicomDataset dataset, IReadOnlyList<CleanPixelRegion> regions)
    {
        var pixels = dataset[DicomTag.PixelData];
        if (pixels is null) return "clean pixel data: the instance has no pixel data";
        if (pixels is not DicomElement element) return "clean pixel data: encapsulated (compressed) pixel data is not cleaned";
        var rows = (int)(dataset.GetInteger(new DicomTag(0x0028, 0x0010)) ?? 0);
        var columns = (int)(dataset.GetInteger(new DicomTag(0x0028, 0x0011)) ?? 0);
        var bitsAllocated = (int)(dataset.GetInteger(DicomTag.BitsAllocated) ?? 0);
        var samples = (int)(dataset.GetInteger(new DicomTag(0x0028, 0x0002)) ?? 1);
        var planar = (int)(dataset.GetInteger(new DicomTag(0x0028, 0x0006)) ?? 0);
        var frames = (int)(dataset.GetInteger(new DicomTag(0x0028, 0x0008)) ?? 1);
        if (rows <= 0 || columns <= 0 || samples <= 0 || frames <= 0 || bitsAllocated is not (8 or 16 or 32))
            return "clean pixel data: unsupported pixel layout";
        var bytesPerSample = bitsAllocated / 8;
        var frameLength = (long)rows * columns * samples * bytesPerSample;
        if (frameLength * frames > element.Length) return "clean pixel data: pixel data shorter than its description";

        var data = element.Buffer.GetMemory().ToArray();
        for (var frame = 0; frame < frames; frame++)
        {
            var frameStart = frame * frameLength;
            foreach (var region in regions)
            {
                var x0 = Math.Clamp(region.X, 0, columns);
                var y0 = Math.Clamp(region.Y, 0, rows);
                var x1 = Math.Clamp((long)region.X + region.Width, 0, columns);
                var y1 = Math.Clamp((long)region.Y + region.Height, 0, rows);
                if (x1 <= x0 || y1 <= y0) continue;
                for (var y = y0; y < y1; y++)
                {
                    if (planar == 1 && samples > 1)
                    {
                        // Colour-by-plane: one run per plane.
                        for (var s = 0; s < samples; s++)
                        {
                            var start = frameStart + ((long)s * rows * columns + (long)y * columns + x0) * bytesPerSample;
                            data.AsSpan((int)start, (int)((x1 - x0) * bytesPerSample)).Clear();
                        }
                    }
                    else
                    {
                        var start = frameStart + ((long)y * columns + x0) * samples * bytesPerSample;
                        data.AsSpan((int)start, (int)((x1 - x0) * samples * bytesPerSample)).Clear();
                    }
                }
            }
        }
        dataset.Set(new DicomElement(DicomTag.PixelData, element.VR, DicomBuffer.FromBytes(data)));
        return null;
    }
}
