namespace Imaging.Dicom.Codecs.Native;

/// <summary>What a JPEG-LS stream's frame and scan headers declare (ISO/IEC 14495-1 C.2.2, C.2.3).</summary>
/// <param name="NearLossless">NEAR of the first scan: 0 for lossless, else the maximum absolute error per sample.</param>
/// <param name="InterleaveMode">ILV: 0 none (one scan per component), 1 line, 2 sample.</param>
public sealed record JpegLsStreamInfo(int Width, int Height, int BitsPerSample, int ComponentCount, int NearLossless, int InterleaveMode);
