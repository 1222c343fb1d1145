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

    private DicomPixelData(DicomDataset dataset, DicomTransferSyntax syntax, PixelDataDescription description, DicomAttribute pixelData)
    {
        Dataset = dataset;
        TransferSyntax = syntax;
        Description = description;
        switch (pixelData)
        {
            case DicomFragmentSequence fragments:
                _encapsulated = fragments;
                _frameFragments = MapFragmentsToFrames(fragments, description.NumberOfFrames);
                break;
            case DicomElement element:
                _native = element;
                var needed = checked(description.FrameLength * description.NumberOfFrames);
                if (description.BitsAllocated == 1) needed = (description.PixelCount * description.SamplesPerPixel * description.NumberOfFrames + 7) / 8;
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
        var pixelData = dataset[DicomTags.PixelData] ?? throw new PixelDataException("The dataset has no Pixel Data (7FE0,0010)");
        return new DicomPixelData(dataset, syntax, PixelDataDescription.FromDataset(dataset), pixelData);
    }

    /// <summary>The stored bytes of one frame: native samples, or the frame's encoded stream (its fragments joined).</summary>
    public ReadOnlyMemory<byte> GetFrameData(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        if (_native is not null)
        {
            if (Description.BitsAllocated == 1)
                throw new PixelDataException("1-bit native frames are not byte aligned; read the whole Pixel Data value");
            var length = (int)Description.FrameLength;
            return _native.Buffer.GetMemory().Slice(checked((int)(frame * Description.FrameLength)), length);
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
    public DecodedFrameLayout DecodeFrame(int frame, Span<byte> destination, PixelCodecRegistry? codecs = null)
    {
        if (destination.Length < Description.FrameLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, a frame needs {Description.FrameLength}", nameof(destination));
        var data = GetFrameData(frame).Span;
        if (_native is not null)
        {
            data.CopyTo(destination);
            return new DecodedFrameLayout(Description.PhotometricInterpretation, Description.PlanarConfiguration);
        }

        var decoder = (codecs ?? PixelCodecRegistry.Default).GetDecoder(TransferSyntax);
        return decoder.Decode(data, Description, destination[..(int)Description.FrameLength]);
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

    // PS3.5 A.4: with a basic offset table each frame starts at a listed offset; without one, frames are one
    // fragment each, or a single frame spans every fragment.
    private static (int First, int Count)[] MapFragmentsToFrames(DicomFragmentSequence sequence, int frames)
    {
        var fragments = sequence.Fragments;
        if (fragments.Count == 0) throw new PixelDataException("Encapsulated Pixel Data has no fragments");
        var map = new (int First, int Count)[frames];
        var offsets = sequence.GetBasicOffsets();
        if (offsets.Length == frames && frames > 0)
        {
            // Each fragment item starts 8 bytes (tag + length) after the previous one's value.
            var fragmentStarts = new long[fragments.Count];
            long position = 0;
            for (var i = 0; i < fragments.Count; i++)
            {
                fragmentStarts[i] = position;
                position += 8 + fragments[i].Length;
            }
            for (var f = 0; f < frames; f++)
            {
                var first = Array.BinarySearch(fragmentStarts, (long)offsets[f]);
                if (first < 0) throw new PixelDataException($"Basic offset table entry {f} ({offsets[f]}) does not point at a fragment");
                var end = f + 1 < frames ? Array.BinarySearch(fragmentStarts, (long)offsets[f + 1]) : fragments.Count;
                if (end <= first) throw new PixelDataException($"Basic offset table entries {f} and {f + 1} are not increasing");
                map[f] = (first, end - first);
            }
            return map;
        }
        if (frames == 1)
        {
            map[0] = (0, fragments.Count);
            return map;
        }
        if (fragments.Count == frames)
        {
            for (var f = 0; f < frames; f++) map[f] = (f, 1);
            return map;
        }
        throw new PixelDataException($"{frames} frames in {fragments.Count} fragments without a basic offset table");
    }
}
