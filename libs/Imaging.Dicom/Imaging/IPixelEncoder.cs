using System.Buffers;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>Encodes one native frame into one transfer syntax's encapsulated form.</summary>
public interface IPixelEncoder
{
    DicomTransferSyntax TransferSyntax { get; }

    /// <summary>False when this encoder cannot represent the description (e.g. bit depth); <paramref name="reason"/> says why.</summary>
    bool CanEncode(PixelDataDescription description, out string? reason);

    /// <summary>
    /// Encodes <paramref name="frame"/> (native little-endian samples laid out per <paramref name="description"/>) and
    /// returns the layout the encoded stream carries (the dataset's Photometric Interpretation and Planar Configuration after encoding).
    /// </summary>
    DecodedFrameLayout Encode(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output);
}
