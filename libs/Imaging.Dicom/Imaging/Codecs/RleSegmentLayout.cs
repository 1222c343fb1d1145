namespace Imaging.Dicom.Imaging.Codecs;

/// <summary>Where the bytes of one RLE segment live in a native little-endian frame (PS3.5 G.2).</summary>
internal static class RleSegmentLayout
{
    /// <summary>The first byte of <paramref name="segment"/> and the distance between its successive bytes.</summary>
    /// <remarks>Segments run per sample from the most significant byte down; in a little-endian container that byte is
    /// the last of the sample. With planar configuration 1 each sample is a plane of its own.</remarks>
    public static (int Start, int Stride) Locate(int segment, int bytesPerSample, int samples, int pixelCount, bool planar)
    {
        var sample = segment / bytesPerSample;
        var byteInSample = bytesPerSample - 1 - segment % bytesPerSample;
        return planar
            ? (sample * pixelCount * bytesPerSample + byteInSample, bytesPerSample)
            : (sample * bytesPerSample + byteInSample, samples * bytesPerSample);
    }
}
