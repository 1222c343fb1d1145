using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.IO;

/// <summary>Encodes datasets in any uncompressed transfer syntax (and encapsulated ones, fragments as they are).</summary>
public static class DicomDatasetWriter
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>Writes <paramref name="dataset"/> (no meta group) in <paramref name="syntax"/>.</summary>
    public static void Write(Stream output, DicomDataset dataset, DicomTransferSyntax syntax, DicomWriterOptions? options = null)
    {
        options ??= DicomWriterOptions.Default;
        CheckPixelDataFits(dataset, syntax);
        if (syntax.IsDeflated)
        {
            using var deflate = new DeflateStream(output, options.DeflateLevel, leaveOpen: true);
            using var buffered = new BufferedStream(deflate, 64 * 1024);
            new Encoder(buffered, syntax, options).WriteBody(dataset);
            buffered.Flush();
            return;
        }
        new Encoder(output, syntax, options).WriteBody(dataset);
    }

    /// <summary>Writes one attribute group (e.g. the file meta group, or a DIMSE command set) in <paramref name="syntax"/>.</summary>
    internal static void WriteAttributes(Stream output, IEnumerable<DicomAttribute> attributes, DicomTransferSyntax syntax, DicomWriterOptions options)
    {
        var encoder = new Encoder(output, syntax, options);
        foreach (var a in attributes) encoder.WriteAttribute(a, null);
    }

    /// <summary>Bytes the dataset takes when encoded in a non-deflated <paramref name="syntax"/>.</summary>
    public static long MeasureLength(DicomDataset dataset, DicomTransferSyntax syntax, DicomWriterOptions? options = null) =>
        new Encoder(Stream.Null, syntax, options ?? DicomWriterOptions.Default).MeasureBody(dataset);

    internal static long MeasureAttributes(IEnumerable<DicomAttribute> attributes, DicomTransferSyntax syntax)
    {
        var encoder = new Encoder(Stream.Null, syntax, DicomWriterOptions.Default);
        return attributes.Sum(a => encoder.MeasureAttribute(a, null));
    }

    private static void CheckPixelDataFits(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var pixels = dataset[DicomTag.PixelData];
        if (pixels is DicomFragmentSequence && !syntax.IsEncapsulated)
            throw new InvalidOperationException($"Pixel data is encapsulated (compressed); writing it as {syntax.Name} needs a pixel codec.");
        if (pixels is DicomElement && syntax.IsEncapsulated && syntax != DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian)
            throw new InvalidOperationException($"Pixel data is native; writing it as {syntax.Name} needs a pixel codec.");
    }

    /// <summary>The encoding state for one write; measuring and writing share every decision so lengths always agree.</summary>
    private sealed class Encoder(Stream output, DicomTransferSyntax syntax, DicomWriterOptions options)
    {
        private readonly bool _bigEndian = syntax.IsBigEndian;
        private readonly bool _explicit = syntax.IsExplicitVR;

        private bool Omit(DicomAttribute a) => options.OmitFileMetaElements && a.Tag.Group == 0x0002;

        public void WriteBody(DicomDataset dataset)
        {
            foreach (var a in dataset)
                if (!Omit(a)) WriteAttribute(a, dataset);
        }

        public long MeasureBody(DicomDataset dataset)
        {
            long total = 0;
            foreach (var a in dataset)
                if (!Omit(a)) total += MeasureAttribute(a, dataset);
            return total;
        }

        private static bool IsRecomputedGroupLength(DicomAttribute a, DicomDataset? owner) =>
            a is DicomElement && a.Tag.IsGroupLength && a.Tag.Group > 0x0002 && owner is not null;

        private bool Skip(DicomAttribute a) => a.Tag.IsGroupLength && a.Tag.Group > 0x0002 && !options.KeepGroupLengths;

        private bool UndefinedSequence(DicomSequence s) => options.SequenceLength switch
        {
            SequenceLengthEncoding.Undefined => true,
            SequenceLengthEncoding.Defined => false,
            _ => s.UndefinedLength,
        };

        private bool UndefinedItem(DicomDataset item) => options.SequenceLength switch
        {
            SequenceLengthEncoding.Undefined => true,
            SequenceLengthEncoding.Defined => false,
            _ => item.UndefinedLength,
        };

        /// <summary>The VR written: explicit VR cannot carry a short-form VR longer than 64 KiB, so such values become UN.</summary>
        private DicomVR EffectiveVR(DicomElement e) =>
            _explicit && !DicomVRInfo.HasLongLength(e.VR) && PaddedLength(e.Length) > ushort.MaxValue ? DicomVR.UN : e.VR;

        private static long PaddedLength(long length) => length + (length & 1);

        private int HeaderLength(DicomVR vr) => !_explicit ? 8 : DicomVRInfo.HasLongLength(vr) ? 12 : 8;

        public long MeasureAttribute(DicomAttribute a, DicomDataset? owner)
        {
            if (Skip(a)) return 0;
            if (IsRecomputedGroupLength(a, owner)) return HeaderLength(DicomVR.UL) + 4;
            switch (a)
            {
                case DicomElement e:
                    return HeaderLength(EffectiveVR(e)) + PaddedLength(e.Length);
                case DicomSequence s:
                    return HeaderLength(DicomVR.SQ) + MeasureSequenceContent(s) + (UndefinedSequence(s) ? 8 : 0);
                case DicomFragmentSequence f:
                    return HeaderLength(f.VR) + MeasureFragmentsContent(f) + 8;
                default:
                    throw new InvalidOperationException($"Unknown attribute type {a.GetType().Name}");
            }
        }

        private long MeasureSequenceContent(DicomSequence s)
        {
            long total = 0;
            foreach (var item in s.Items) total += 8 + MeasureBody(item) + (UndefinedItem(item) ? 8 : 0);
            return total;
        }

        private static long MeasureFragmentsContent(DicomFragmentSequence f)
        {
            var total = 8 + PaddedLength(f.OffsetTable.Length);
            foreach (var frag in f.Fragments) total += 8 + PaddedLength(frag.Length);
            return total;
        }

        public void WriteAttribute(DicomAttribute a, DicomDataset? owner)
        {
            if (Skip(a)) return;
            switch (a)
            {
                case DicomElement e when IsRecomputedGroupLength(e, owner):
                    // Retired group lengths are recomputed: the one read may no longer match what is written.
                    var groupLength = owner!.Where(x => x.Tag.Group == e.Tag.Group && !x.Tag.IsGroupLength).Sum(x => MeasureAttribute(x, owner));
                    WriteHeader(e.Tag, DicomVR.UL, 4);
                    WriteUInt32((uint)groupLength);
                    break;
                case DicomElement e:
                    WriteElement(e);
                    break;
                case DicomSequence s:
                    WriteSequence(s);
                    break;
                case DicomFragmentSequence f:
                    WriteHeader(f.Tag, f.VR, UndefinedLength);
                    WriteItem(f.OffsetTable);
                    foreach (var frag in f.Fragments) WriteItem(frag);
                    WriteTagAndLength(DicomTag.SequenceDelimitationItem, 0);
                    break;
            }
        }

        private void WriteElement(DicomElement e)
        {
            var vr = EffectiveVR(e);
            var length = e.Length;
            if (PaddedLength(length) > uint.MaxValue - 1) throw new InvalidOperationException($"{e.Tag} is too long to encode ({length} bytes).");
            WriteHeader(e.Tag, vr, (uint)PaddedLength(length));
            // A value demoted to UN keeps the byte order it has in memory: UN is never swapped (DCMTK agrees).
            WriteValue(e.Buffer, _bigEndian && vr != DicomVR.UN ? DicomVRInfo.ByteSwapUnit(e.VR) : 1);
            if ((length & 1) == 1) output.WriteByte(DicomVRInfo.PaddingByte(e.VR));
        }

        private void WriteValue(DicomBuffer buffer, int swapUnit)
        {
            if (buffer.Length == 0) return;
            if (swapUnit <= 1)
            {
                buffer.CopyTo(output);
                return;
            }
            if (buffer is MemoryBuffer m)
            {
                var tmp = ArrayPool<byte>.Shared.Rent(m.Bytes.Length);
                try
                {
                    m.Bytes.Span.CopyTo(tmp);
                    FileRangeBuffer.Swap(tmp.AsSpan(0, m.Bytes.Length), swapUnit);
                    output.Write(tmp, 0, m.Bytes.Length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(tmp);
                }
                return;
            }
            var swapping = new ByteSwappingWriteStream(output, swapUnit);
            buffer.CopyTo(swapping);
            swapping.Flush();
        }

        private void WriteSequence(DicomSequence s)
        {
            var undefined = UndefinedSequence(s);
            WriteHeader(s.Tag, DicomVR.SQ, undefined ? UndefinedLength : checked((uint)MeasureSequenceContent(s)));
            foreach (var item in s.Items)
            {
                var undefinedItem = UndefinedItem(item);
                WriteTagAndLength(DicomTag.Item, undefinedItem ? UndefinedLength : checked((uint)MeasureBody(item)));
                WriteBody(item);
                if (undefinedItem) WriteTagAndLength(DicomTag.ItemDelimitationItem, 0);
            }
            if (undefined) WriteTagAndLength(DicomTag.SequenceDelimitationItem, 0);
        }

        private void WriteItem(DicomBuffer value)
        {
            WriteTagAndLength(DicomTag.Item, (uint)PaddedLength(value.Length));
            value.CopyTo(output);
            if ((value.Length & 1) == 1) output.WriteByte(0);
        }

        private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
        {
            Span<byte> h = stackalloc byte[12];
            WriteTag(h, tag);
            if (!_explicit)
            {
                WriteU32(h[4..], length);
                output.Write(h[..8]);
                return;
            }
            h[4] = (byte)((ushort)vr >> 8);
            h[5] = (byte)vr;
            if (DicomVRInfo.HasLongLength(vr))
            {
                h[6] = h[7] = 0;
                WriteU32(h[8..], length);
                output.Write(h);
            }
            else
            {
                if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(h[6..], (ushort)length);
                else BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)length);
                output.Write(h[..8]);
            }
        }

        private void WriteTagAndLength(DicomTag tag, uint length)
        {
            Span<byte> h = stackalloc byte[8];
            WriteTag(h, tag);
            WriteU32(h[4..], length);
            output.Write(h);
        }

        private void WriteUInt32(uint value)
        {
            Span<byte> b = stackalloc byte[4];
            WriteU32(b, value);
            output.Write(b);
        }

        private void WriteTag(Span<byte> h, DicomTag tag)
        {
            if (_bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(h, tag.Group);
                BinaryPrimitives.WriteUInt16BigEndian(h[2..], tag.Element);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(h, tag.Group);
                BinaryPrimitives.WriteUInt16LittleEndian(h[2..], tag.Element);
            }
        }

        private void WriteU32(Span<byte> b, uint v)
        {
            if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v);
            else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
    }
}
