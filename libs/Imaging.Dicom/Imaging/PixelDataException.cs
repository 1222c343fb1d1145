namespace Imaging.Dicom.Imaging;

/// <summary>Pixel data that cannot be described, located or decoded: inconsistent attributes, a truncated or corrupt stream, a missing codec.</summary>
public sealed class PixelDataException(string message, Exception? inner = null) : Exception(message, inner);
