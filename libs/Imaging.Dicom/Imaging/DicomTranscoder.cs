using System.Buffers;
using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>Converts a file's pixel data from one transfer syntax to another: native ↔ native without touching the
/// samples, and otherwise frame by frame through the registered decoders and encoders.</summary>
public sealed class DicomTranscoder(PixelCodecRegistry? codecs = null)
{
    private readonly PixelCodecRegistry _codecs = codecs ?? PixelCodecRegistry.Default;

    /// <summary>True when <paramref name="target"/> can be written: a native syntax, or one with a registered encoder.</summary>
    public bool CanWrite(DicomTransferSyntax target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsUncompressedNative || _codecs.TryGetEncoder(target, out _);
    }

    /// <summary>A new file holding <paramref name="file"/>'s dataset in <paramref name="target"/>; the source is not modified.
    /// Throws <see cref="PixelDataException"/> when the pixel data cannot be decoded or encoded.</summary>
    public DicomFile Transcode(DicomFile file, DicomTransferSyntax target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsUnknown || (!target.IsUncompressedNative && !target.IsEncapsulated))
            throw new PixelDataException($"{target} cannot hold pixel data written by this toolkit");
        var dataset = TranscodeDataset(file.Dataset, file.TransferSyntax, target, cancellationToken);

        var meta = new DicomDataset(file.FileMetaInformation);
        meta.SetString(DicomTag.TransferSyntaxUid, DicomVR.UI, target.Uid);
        return new DicomFile(meta, dataset, target) { HadPreamble = file.HadPreamble };
    }

    /// <summary>A copy of <paramref name="source"/> (read in <paramref name="from"/>) whose pixel data is valid in <paramref name="to"/>.</summary>
    public DicomDataset TranscodeDataset(DicomDataset source, DicomTransferSyntax from, DicomTransferSyntax to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var dataset = new DicomDataset(source);
        TranscodeIcon(dataset, from, to, cancellationToken);
        var pixelData = source[DicomTags.PixelData];
        if (pixelData is null) return dataset;

        var sourceEncapsulated = pixelData is DicomFragmentSequence;
        if (from.Uid == to.Uid) return dataset;
        if (!sourceEncapsulated && to.IsUncompressedNative) return dataset;

        var pixels = DicomPixelData.Create(source, from);
        var description = pixels.Description;
        if (to.IsUncompressedNative) Decode(pixels, dataset, cancellationToken);
        else Encode(pixels, dataset, to, cancellationToken);

        if (from.IsLossy && sourceEncapsulated) MarkLossy(dataset, from, pixels, description);
        if (to.IsLossy) MarkLossy(dataset, to, null, description);
        return dataset;
    }

    private void Decode(DicomPixelData pixels, DicomDataset dataset, CancellationToken cancellationToken)
    {
        var description = pixels.Description;
        var frameLength = (int)description.FrameLength;
        var total = checked((long)frameLength * pixels.FrameCount);
        if (total > Array.MaxLength) throw new PixelDataException($"{pixels.FrameCount} decoded frames need {total} bytes, more than one value can hold");
        var buffer = GC.AllocateUninitializedArray<byte>((int)total + (int)(total & 1));
        buffer.AsSpan((int)total).Clear();
        DecodedFrameLayout layout = default;
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = pixels.DecodeFrame(frame, buffer.AsSpan(frame * frameLength, frameLength), _codecs);
            if (frame > 0 && written != layout)
                throw new PixelDataException($"Frame {frame} decoded as {written}, frame 0 as {layout}; one dataset cannot describe both");
            layout = written;
        }
        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        dataset.Set(new DicomElement(DicomTags.PixelData, description.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, DicomBuffer.FromBytes(buffer)));
        SetLayout(dataset, description, layout);
    }

    private void Encode(DicomPixelData pixels, DicomDataset dataset, DicomTransferSyntax to, CancellationToken cancellationToken)
    {
        var encoder = _codecs.GetEncoder(to);
        var description = pixels.Description;
        var frameLength = (int)description.FrameLength;
        var fragments = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB);
        var offsets = new ulong[pixels.FrameCount];
        var lengths = new ulong[pixels.FrameCount];
        ulong position = 0;
        DecodedFrameLayout encodedLayout = default;
        DecodedFrameLayout decodedLayout = default;
        var frameBuffer = ArrayPool<byte>.Shared.Rent(frameLength);
        try
        {
            for (var frame = 0; frame < pixels.FrameCount; frame++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var native = frameBuffer.AsSpan(0, frameLength);
                var layout = pixels.DecodeFrame(frame, native, _codecs);
                if (frame > 0 && layout != decodedLayout)
                    throw new PixelDataException($"Frame {frame} decoded as {layout}, frame 0 as {decodedLayout}; one dataset cannot describe both");
                decodedLayout = layout;
                var decoded = DescribeDecoded(description, layout);
                if (!encoder.CanEncode(decoded, out var reason))
                    throw new PixelDataException($"{to.Name} cannot hold this pixel data: {reason}");
                var output = new ArrayBufferWriter<byte>(Math.Max(frameLength / 2, 256));
                encodedLayout = encoder.Encode(native, decoded, output);
                var bytes = output.WrittenSpan;
                // Fragments have even length (PS3.5 A.4); codestreams tolerate one trailing pad byte.
                var fragment = new byte[bytes.Length + (bytes.Length & 1)];
                bytes.CopyTo(fragment);
                fragments.Fragments.Add(DicomBuffer.FromBytes(fragment));
                offsets[frame] = position;
                lengths[frame] = (ulong)bytes.Length;
                position += 8 + (ulong)fragment.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frameBuffer);
        }

        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        if (offsets[^1] <= uint.MaxValue)
        {
            var table = new byte[offsets.Length * 4];
            for (var i = 0; i < offsets.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(i * 4), (uint)offsets[i]);
            fragments.OffsetTable = DicomBuffer.FromBytes(table);
        }
        else
        {
            // Past 4 GiB a 32-bit basic offset table cannot point at the last frames (PS3.5 A.4, Table A.4-2).
            dataset.SetValues(DicomTags.ExtendedOffsetTable, DicomVR.OV, offsets);
            dataset.SetValues(DicomTags.ExtendedOffsetTableLengths, DicomVR.OV, lengths);
        }
        dataset.Set(fragments);
        SetLayout(dataset, description, encodedLayout);
    }

    /// <summary>The description of decoded samples: a JPEG decoder may have turned YBR into RGB or changed the planar layout.</summary>
    private static PixelDataDescription DescribeDecoded(PixelDataDescription description, DecodedFrameLayout layout) =>
        description with
        {
            PhotometricInterpretation = NativePhotometric(layout.PhotometricInterpretation),
            PlanarConfiguration = description.SamplesPerPixel > 1 ? layout.PlanarConfiguration : 0,
        };

    /// <summary>Decoded samples are full resolution, so a 4:2:2 label no longer applies (PS3.3 C.7.6.3.1.2); YBR_FULL is
    /// what the decoder wrote when it did not convert to RGB.</summary>
    private static string NativePhotometric(string photometric) =>
        photometric is "YBR_FULL_422" or "YBR_PARTIAL_422" or "YBR_PARTIAL_420" ? "YBR_FULL" : photometric;

    private static void SetLayout(DicomDataset dataset, PixelDataDescription description, DecodedFrameLayout layout)
    {
        if (!string.IsNullOrEmpty(layout.PhotometricInterpretation))
            dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, NativePhotometric(layout.PhotometricInterpretation));
        if (description.SamplesPerPixel > 1)
            dataset.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)layout.PlanarConfiguration);
    }

    /// <summary>Records lossy compression (PS3.3 C.7.6.1.1.5): once lossy, always "01", with the method and the ratio appended.</summary>
    private static void MarkLossy(DicomDataset dataset, DicomTransferSyntax syntax, DicomPixelData? compressed, PixelDataDescription description)
    {
        dataset.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "01");
        var method = LossyMethod(syntax);
        if (method is null) return;
        var methods = dataset.GetStrings(DicomTags.LossyImageCompressionMethod).ToList();
        var ratios = dataset.GetStrings(DicomTags.LossyImageCompressionRatio).ToList();
        if (compressed is not null && methods.Count > 0 && methods[^1] == method) return;
        methods.Add(method);
        if (compressed is not null && CompressedBytes(compressed) is > 0 and var encoded)
        {
            var ratio = (double)description.FrameLength * description.NumberOfFrames / encoded;
            if (ratios.Count == methods.Count - 1) ratios.Add(ratio.ToString("0.###", CultureInfo.InvariantCulture));
        }
        dataset.SetString(DicomTags.LossyImageCompressionMethod, DicomVR.CS, [.. methods]);
        if (ratios.Count > 0) dataset.SetString(DicomTags.LossyImageCompressionRatio, DicomVR.DS, [.. ratios]);
    }

    private static long CompressedBytes(DicomPixelData pixels)
    {
        long total = 0;
        if (pixels.Dataset[DicomTags.PixelData] is DicomFragmentSequence fragments)
            foreach (var fragment in fragments.Fragments) total += fragment.Length;
        return total;
    }

    private static string? LossyMethod(DicomTransferSyntax syntax) => syntax.Uid switch
    {
        "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" or "1.2.840.10008.1.2.4.52" or "1.2.840.10008.1.2.4.53"
            or "1.2.840.10008.1.2.4.54" or "1.2.840.10008.1.2.4.55" or "1.2.840.10008.1.2.4.56" => "ISO_10918_1",
        "1.2.840.10008.1.2.4.81" => "ISO_14495_1",
        "1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.93" => "ISO_15444_1",
        "1.2.840.10008.1.2.4.203" => "ISO_15444_15",
        _ => null,
    };

    /// <summary>An Icon Image Sequence item carries its own pixel data in the file's syntax (PS3.3 F.7); it is converted
    /// like the main image, or dropped when that is impossible, since a thumbnail must not stop a transcode.</summary>
    private void TranscodeIcon(DicomDataset dataset, DicomTransferSyntax from, DicomTransferSyntax to, CancellationToken cancellationToken)
    {
        if (dataset.GetSequence(DicomTags.IconImageSequence) is not { } icons || from.Uid == to.Uid) return;
        var converted = new DicomSequence(DicomTags.IconImageSequence);
        foreach (var item in icons.Items)
        {
            if (item[DicomTags.PixelData] is null)
            {
                converted.Add(new DicomDataset(item));
                continue;
            }
            try
            {
                converted.Add(TranscodeDataset(item, from, to, cancellationToken));
            }
            catch (PixelDataException)
            {
                dataset.Remove(DicomTags.IconImageSequence);
                return;
            }
        }
        dataset.Set(converted);
    }
}
