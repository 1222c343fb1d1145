using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>Decodes one encapsulated frame of one or more transfer syntaxes into native little-endian samples.</summary>
public interface IPixelDecoder
{
    IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; }

    /// <summary>
    /// Decodes <paramref name="encodedFrame"/> into <paramref name="destination"/>, which holds exactly
    /// <see cref="PixelDataDescription.FrameLength"/> bytes: samples in Bits Allocated containers, little endian,
    /// signed values sign-extended. Throws <see cref="PixelDataException"/> on corrupt or truncated input.
    /// </summary>
    DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination);
}
