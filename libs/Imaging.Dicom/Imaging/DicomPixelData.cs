using Imaging.Dicom.Dictionary;
using System.Buffers;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>Per-frame access to a dataset's Pixel Data, native or encapsulated, without decoding other frames.</summary>
public sealed class DicomPixelData
{
    private readonly DicomElement? _native;
    private readonly DicomFragmentSequence? _encapsulated;
    private readonly (int First, int Count)[]? _frameFragments;
    private FrameMetadataReader? _metadata;

    private DicomPixelData(DicomDataset dataset, DicomTransferSyntax syntax, PixelDataDescription description, DicomAttribute pixelData)
    {
        Dataset = dataset;
        TransferSyntax = syntax;
        Description = description;
        switch (pixelData)
        {
            case DicomFragmentSequence fragments:
                _encapsulated = fragments;
                _frameFragments = EncapsulatedFrameMap.Build(dataset, fragments, description.NumberOfFrames, syntax);
                break;
            case DicomElement element:
                if (syntax.IsEncapsulated && syntax != DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian)
                    throw new PixelDataException($"Pixel Data is a plain value, but {syntax.Name} needs encapsulated fragments");
                _native = element;
                if (IsSubsampledNative(description) && description.Columns % 2 != 0)
                    throw new PixelDataException($"Native YBR_FULL_422 needs an even number of columns, not {description.Columns}");
                var needed = description.BitsAllocated == 1
                    ? checked(description.PixelCount * description.SamplesPerPixel * description.NumberOfFrames + 7) / 8
                    : checked(StoredFrameLengthOf(description, native: true) * description.NumberOfFrames);
                if (element.Length < needed)
                    throw new PixelDataException($"Pixel Data holds {element.Length} bytes, {description.NumberOfFrames} frame(s) need {needed}");
                break;
            default:
                throw new PixelDataException($"Pixel Data is a {pixelData.GetType().Name}, not pixel values");
        }
    }

    public DicomDataset Dataset { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public PixelDataDescription Description { get; }

    public int FrameCount => Description.NumberOfFrames;

    public bool IsEncapsulated => _encapsulated is not null;

    /// <summary>Describes and indexes the Pixel Data of <paramref name="dataset"/> read with <paramref name="syntax"/>.</summary>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        var pixelData = dataset[DicomTags.PixelData];
        if (pixelData is null)
        {
            if (dataset.Contains(DicomTags.FloatPixelData) || dataset.Contains(DicomTags.DoubleFloatPixelData))
                throw new PixelDataException("Float Pixel Data (7FE0,0008) and Double Float Pixel Data (7FE0,0009) are not supported; only integer Pixel Data (7FE0,0010) is");
            throw new PixelDataException("The dataset has no Pixel Data (7FE0,0010)");
        }
        var description = PixelDataDescription.FromDataset(dataset);
        if (description.BitsAllocated == 64)
            throw new PixelDataException("Bits Allocated 64 is only valid for Double Float Pixel Data, which is not supported");
        return new DicomPixelData(dataset, syntax, description, pixelData);
    }

    /// <summary>The stored bytes of one frame: native samples (1-bit frames re-aligned to start at a byte), or the
    /// frame's encoded stream (its fragments joined).</summary>
    public ReadOnlyMemory<byte> GetFrameData(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        if (_native is not null)
        {
            if (Description.BitsAllocated == 1) return GetPackedBitFrame(frame);
            var stored = StoredFrameLengthOf(Description, native: true);
            return NativeRange.Read(_native.Buffer, checked(frame * stored), (int)stored);
        }

        var (first, count) = _frameFragments![frame];
        if (count == 1) return _encapsulated!.Fragments[first].GetMemory();
        long total = 0;
        for (var i = first; i < first + count; i++) total += _encapsulated!.Fragments[i].Length;
        if (total > int.MaxValue) throw new PixelDataException($"Frame {frame} spans {total} encoded bytes, over 2 GiB");
        var joined = new byte[total];
        var offset = 0;
        for (var i = first; i < first + count; i++)
        {
            var span = _encapsulated!.Fragments[i].GetMemory().Span;
            span.CopyTo(joined.AsSpan(offset));
            offset += span.Length;
        }
        return joined;
    }

    /// <summary>Decodes (or copies, when native) one frame into <paramref name="destination"/> of <see cref="PixelDataDescription.FrameLength"/> bytes.</summary>
    /// <remarks>Native signed samples are sign-extended like a decoder's output, so every syntax yields the same bytes.</remarks>
    public DecodedFrameLayout DecodeFrame(int frame, Span<byte> destination, PixelCodecRegistry? codecs = null)
    {
        if (destination.Length < Description.FrameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {Description.FrameLength}", nameof(destination));
        var data = GetFrameData(frame).Span;
        var target = destination[..(int)Description.FrameLength];
        if (_native is not null)
        {
            if (IsSubsampledNative(Description))
            {
                ExpandYbrFull422(data, target, Description.BytesPerSample);
                return new DecodedFrameLayout("YBR_FULL", 0);
            }
            data.CopyTo(target);
            PixelSampleReader.SignExtendInPlace(target, Description);
            return new DecodedFrameLayout(Description.PhotometricInterpretation, Description.PlanarConfiguration);
        }

        var decoder = (codecs ?? PixelCodecRegistry.Default).GetDecoder(TransferSyntax);
        return decoder.Decode(data, Description, target);
    }

    /// <summary>Bytes one frame occupies in the Pixel Data value: <see cref="PixelDataDescription.FrameLength"/>, except
    /// for native YBR_FULL_422, which stores two samples per pixel (PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr for each pair of pixels).</summary>
    public long StoredFrameLength => _native is null ? Description.FrameLength : StoredFrameLengthOf(Description, native: true);

    private static bool IsSubsampledNative(PixelDataDescription description) =>
        description.SamplesPerPixel == 3 && description.BitsAllocated is 8 or 16
        && string.Equals(description.PhotometricInterpretation, "YBR_FULL_422", StringComparison.Ordinal);

    private static long StoredFrameLengthOf(PixelDataDescription description, bool native) =>
        native && IsSubsampledNative(description) ? description.PixelCount * 2 * description.BytesPerSample : description.FrameLength;

    // Each pair of pixels on a row shares one Cb and one Cr: the decoded frame repeats them, giving YBR_FULL by pixel.
    private static void ExpandYbrFull422(ReadOnlySpan<byte> stored, Span<byte> target, int bytesPerSample)
    {
        var groups = stored.Length / (4 * bytesPerSample);
        for (var g = 0; g < groups; g++)
        {
            var source = stored.Slice(g * 4 * bytesPerSample, 4 * bytesPerSample);
            var y1 = source[..bytesPerSample];
            var y2 = source.Slice(bytesPerSample, bytesPerSample);
            var cb = source.Slice(2 * bytesPerSample, bytesPerSample);
            var cr = source.Slice(3 * bytesPerSample, bytesPerSample);
            var output = target.Slice(g * 6 * bytesPerSample, 6 * bytesPerSample);
            y1.CopyTo(output);
            cb.CopyTo(output[bytesPerSample..]);
            cr.CopyTo(output[(2 * bytesPerSample)..]);
            y2.CopyTo(output[(3 * bytesPerSample)..]);
            cb.CopyTo(output[(4 * bytesPerSample)..]);
            cr.CopyTo(output[(5 * bytesPerSample)..]);
        }
    }

    /// <summary>Decodes one frame into a new pooled buffer the caller disposes.</summary>
    public IMemoryOwner<byte> DecodeFrame(int frame, out DecodedFrameLayout layout, PixelCodecRegistry? codecs = null)
    {
        var owner = MemoryPool<byte>.Shared.Rent((int)Description.FrameLength);
        try
        {
            layout = DecodeFrame(frame, owner.Memory.Span, codecs);
            return owner;
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Geometry, rescale and window of one frame: per-frame functional groups over shared ones over the top-level attributes.</summary>
    public FrameMetadata GetFrameMetadata(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        _metadata ??= new FrameMetadataReader(Dataset, FrameCount);
        return _metadata.Get(frame);
    }

    // PS3.5 8.1.1: 1-bit frames follow each other without padding, so frame f starts at bit f × pixels × samples,
    // which is mid-byte whenever that product is not a multiple of 8.
    private byte[] GetPackedBitFrame(int frame)
    {
        var bitsPerFrame = Description.PixelCount * Description.SamplesPerPixel;
        var firstBit = checked(bitsPerFrame * frame);
        var length = (int)Description.FrameLength;
        var firstByte = firstBit >> 3;
        var shift = (int)(firstBit & 7);
        var available = _native!.Length - firstByte;
        var source = NativeRange.Read(_native.Buffer, firstByte, (int)Math.Min(length + 1L, available)).Span;
        var result = new byte[length];
        if (shift == 0)
        {
            source[..length].CopyTo(result);
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                var low = source[i] >> shift;
                var high = i + 1 < source.Length ? source[i + 1] << (8 - shift) : 0;
                result[i] = (byte)(low | high);
            }
        }
        // Bits past the frame's last pixel belong to the next frame; clear them so a frame is self-contained.
        var tailBits = (int)(bitsPerFrame & 7);
        if (tailBits != 0) result[^1] &= (byte)((1 << tailBits) - 1);
        return result;
    }
}
