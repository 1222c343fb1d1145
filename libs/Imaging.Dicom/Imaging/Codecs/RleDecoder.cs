using System.Buffers.Binary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging.Codecs;

/// <summary>Decodes RLE Lossless frames (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per byte plane.</summary>
public sealed class RleDecoder : IPixelDecoder
{
    /// <summary>Bytes of the RLE header: the segment count and fifteen segment offsets (PS3.5 G.5).</summary>
    public const int HeaderLength = 64;

    /// <summary>PS3.5 G.5 leaves room for fifteen offsets, so a frame has at most fifteen byte planes.</summary>
    public const int MaximumSegments = 15;

    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [DicomTransferSyntax.RleLossless];

    public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        var bytesPerSample = RleLayout.BytesPerSample(description);
        var samples = description.SamplesPerPixel;
        var expectedSegments = samples * bytesPerSample;
        var pixelCount = checked((int)description.PixelCount);
        if (destination.Length < description.FrameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {description.FrameLength}", nameof(destination));
        if (encodedFrame.Length < HeaderLength)
            throw new PixelDataException($"RLE frame of {encodedFrame.Length} bytes is shorter than its {HeaderLength}-byte header");

        var segmentCount = BinaryPrimitives.ReadUInt32LittleEndian(encodedFrame);
        if (segmentCount != expectedSegments)
            throw new PixelDataException($"RLE header lists {segmentCount} segments; {samples} sample(s) of {description.BitsAllocated} bits need {expectedSegments}");

        Span<int> offsets = stackalloc int[MaximumSegments + 1];
        for (var i = 0; i < expectedSegments; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(encodedFrame[(4 + i * 4)..]);
            if (offset < HeaderLength || offset >= (uint)encodedFrame.Length)
                throw new PixelDataException($"RLE segment {i + 1} starts at {offset}, outside the {encodedFrame.Length}-byte frame");
            if (i > 0 && offset <= (uint)offsets[i - 1])
                throw new PixelDataException($"RLE segment {i + 1} starts at {offset}, not after segment {i} ({offsets[i - 1]})");
            offsets[i] = (int)offset;
        }
        offsets[expectedSegments] = encodedFrame.Length;

        // Segments are always one colour plane each, yet the dataset's Planar Configuration still says how the decoded
        // samples are laid out: PS3.5 G.2 Note 2 lets it be 0 with RLE, and DCMTK's dcmcrle keeps 0 and dcmdrle
        // interleaves back, so honouring the attribute gives the same bytes as theirs.
        var planar = samples > 1 && description.PlanarConfiguration == 1;
        for (var segment = 0; segment < expectedSegments; segment++)
        {
            var (start, stride) = RleSegmentLayout.Locate(segment, bytesPerSample, samples, pixelCount, planar);
            var data = encodedFrame[offsets[segment]..offsets[segment + 1]];
            DecodeSegment(data, destination, start, stride, pixelCount, segment + 1);
        }

        PixelSampleReader.SignExtendInPlace(destination[..(int)description.FrameLength], description);
        return new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
    }

    /// <summary>Expands one PackBits segment into <paramref name="count"/> bytes written every <paramref name="stride"/> bytes.</summary>
    /// <remarks>Bytes left in the segment after the plane is full are padding (segments are padded to even length,
    /// and some encoders pad more); a run that would write past the plane is corruption.</remarks>
    private static void DecodeSegment(ReadOnlySpan<byte> data, Span<byte> destination, int start, int stride, int count, int segmentNumber)
    {
        var produced = 0;
        var position = 0;
        var output = start;
        while (produced < count)
        {
            if (position >= data.Length)
                throw new PixelDataException($"RLE segment {segmentNumber} ends after {produced} of {count} bytes");
            var header = (sbyte)data[position++];
            if (header >= 0)
            {
                var literal = header + 1;
                if (position + literal > data.Length)
                    throw new PixelDataException($"RLE segment {segmentNumber}: a literal run of {literal} bytes passes the end of the segment");
                if (produced + literal > count)
                    throw new PixelDataException($"RLE segment {segmentNumber}: a literal run of {literal} bytes passes the end of the {count}-byte plane");
                var source = data.Slice(position, literal);
                if (stride == 1)
                {
                    source.CopyTo(destination.Slice(output, literal));
                    output += literal;
                }
                else
                {
                    for (var i = 0; i < literal; i++, output += stride) destination[output] = source[i];
                }
                position += literal;
                produced += literal;
            }
            else if (header != -128)
            {
                var repeat = 1 - header;
                if (position >= data.Length)
                    throw new PixelDataException($"RLE segment {segmentNumber}: a replicate run has no byte to repeat");
                if (produced + repeat > count)
                    throw new PixelDataException($"RLE segment {segmentNumber}: a replicate run of {repeat} bytes passes the end of the {count}-byte plane");
                var value = data[position++];
                if (stride == 1)
                {
                    destination.Slice(output, repeat).Fill(value);
                    output += repeat;
                }
                else
                {
                    for (var i = 0; i < repeat; i++, output += stride) destination[output] = value;
                }
                produced += repeat;
            }
            // -128 is a no-operation (G.3.2).
        }
    }
}
