using System.Buffers;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging.Codecs;

/// <summary>Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98): native frames, one per fragment.</summary>
public sealed class EncapsulatedUncompressedCodec : IPixelDecoder, IPixelEncoder
{
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian];

    public DicomTransferSyntax TransferSyntax => DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian;

    public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        var length = description.FrameLength;
        // A fragment has even length, so an odd-sized frame arrives with one pad byte.
        if (encodedFrame.Length < length || encodedFrame.Length > length + 1)
            throw new PixelDataException($"Encapsulated uncompressed frame holds {encodedFrame.Length} bytes, {length} expected");
        if (destination.Length < length)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {length}", nameof(destination));
        encodedFrame[..(int)length].CopyTo(destination);
        PixelSampleReader.SignExtendInPlace(destination[..(int)length], description);
        return new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
    }

    public bool CanEncode(PixelDataDescription description, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(description);
        reason = null;
        return true;
    }

    public DecodedFrameLayout Encode(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(output);
        if (frame.Length < description.FrameLength)
            throw new PixelDataException($"The frame holds {frame.Length} bytes, {description.FrameLength} expected");
        output.Write(frame[..(int)description.FrameLength]);
        return new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
    }
}
