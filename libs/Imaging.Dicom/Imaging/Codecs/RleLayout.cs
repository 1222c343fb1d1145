namespace Imaging.Dicom.Imaging.Codecs;

/// <summary>What the RLE codec can represent: whole-byte samples of 8, 16 or 32 bits, at most fifteen byte planes.</summary>
internal static class RleLayout
{
    public static bool TryGetBytesPerSample(PixelDataDescription description, out int bytesPerSample, out string? reason)
    {
        bytesPerSample = 0;
        reason = null;
        if (description.BitsAllocated is not (8 or 16 or 32))
        {
            reason = $"RLE Lossless holds 8, 16 or 32-bit samples, not Bits Allocated {description.BitsAllocated}";
            return false;
        }
        bytesPerSample = description.BitsAllocated / 8;
        if (bytesPerSample * description.SamplesPerPixel > RleDecoder.MaximumSegments)
        {
            reason = $"{description.SamplesPerPixel} samples of {description.BitsAllocated} bits need more than {RleDecoder.MaximumSegments} RLE segments";
            return false;
        }
        return true;
    }

    public static int BytesPerSample(PixelDataDescription description) =>
        TryGetBytesPerSample(description, out var bytes, out var reason) ? bytes : throw new PixelDataException(reason!);
}
