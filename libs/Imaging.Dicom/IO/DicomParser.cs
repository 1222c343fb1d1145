using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.IO;

/// <summary>Parses element headers and values from a <see cref="DicomInput"/> into datasets.</summary>
/// <remarks>Every length is checked against what remains and against the configured caps before anything is
/// allocated or skipped; nesting is capped; tolerated deviations are recorded as warnings.</remarks>
internal sealed class DicomParser(DicomInput input, DicomReaderOptions options, List<DicomReadWarning> warnings, string? sourcePath, int attributeCount = 0)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const int MaxWarnings = 100;

    public int AttributeCount { get; private set; } = attributeCount;

    private static readonly DicomTransferSyntax MetaSyntax = DicomTransferSyntax.ExplicitVRLittleEndian;

    /// <summary>Reads group 0002 (always Explicit VR Little Endian) up to the first element of another group.</summary>
    public void ReadMetaGroup(DicomDataset meta)
    {
        input.BigEndian = false;
        long? declaredEnd = null;
        while (true)
        {
            var p = input.PeekAvailable(6);
            if (p.Length < 6 || p[0] != 0x02 || p[1] != 0x00) break;
            if (declaredEnd is { } end && input.Position >= end)
            {
                Warn(input.Position, "File meta group continues past its declared group length");
                declaredEnd = null;
            }
            var attribute = ReadAttribute(meta, MetaSyntax, 0);
            if (ReferenceEquals(attribute, SkippedDuplicate)) continue;
            meta.Set(attribute);
            if (attribute.Tag == DicomTag.FileMetaInformationGroupLength && attribute is DicomElement { Length: 4 } gl)
                declaredEnd = input.Position + gl.GetValue<uint>();
        }
        if (declaredEnd is { } e2 && input.Position != e2)
            Warn(input.Position, $"File meta group length says it ends at {e2}");
    }

    public void ReadTopLevel(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        input.BigEndian = syntax.IsBigEndian;
        ReadBody(dataset, syntax, end: -1, undefinedItem: false, depth: 0);
    }

    /// <summary>Reads attributes into <paramref name="dataset"/> until <paramref name="end"/>, an item delimiter, or end of data.</summary>
    private void ReadBody(DicomDataset dataset, DicomTransferSyntax syntax, long end, bool undefinedItem, int depth)
    {
        while (true)
        {
            if (end >= 0 && input.Position >= end)
            {
                if (input.Position > end) throw new DicomFormatException("An element ran past the end of its item", input.Position);
                return;
            }
            if (!input.TryEnsure(8))
            {
                if (input.AtEnd)
                {
                    if (end >= 0) throw new DicomFormatException("Data ended inside an item of defined length", input.Position);
                    if (undefinedItem) Warn(input.Position, "Data ended before an item delimiter");
                    return;
                }
                var tail = input.PeekAvailable(8);
                if (depth == 0 && !tail.ContainsAnyExcept((byte)0))
                {
                    Warn(input.Position, $"Ignored {tail.Length} trailing zero bytes");
                    input.Advance(tail.Length);
                    return;
                }
                throw new DicomFormatException("Data ended inside an element header", input.Position);
            }

            var head = input.Peek(8);
            if (depth == 0 && !head.ContainsAnyExcept((byte)0))
            {
                if (SkipZeroRun()) return;
                continue;
            }
            var tag = ReadTag(head);
            if (tag == DicomTag.ItemDelimitationItem)
            {
                input.Advance(8);
                if (undefinedItem) return;
                if (end >= 0) throw new DicomFormatException("Item delimiter inside an item of defined length", input.Position - 8);
                Warn(input.Position - 8, "Ignored a stray item delimiter");
                continue;
            }
            if (tag == DicomTag.SequenceDelimitationItem)
            {
                if (undefinedItem)
                {
                    // The item was never closed; let the sequence consume its delimiter.
                    Warn(input.Position, "Item ended by a sequence delimiter without an item delimiter");
                    return;
                }
                if (depth > 0) throw new DicomFormatException("Sequence delimiter inside an item of defined length", input.Position);
                input.Advance(8);
                Warn(input.Position - 8, "Ignored a stray sequence delimiter");
                continue;
            }
            if (tag == DicomTag.Item)
            {
                SkipStrayItem(syntax, depth);
                continue;
            }
            if (depth == 0 && options.StopBeforeTag is { } stop && tag >= stop) return;

            var attribute = ReadAttribute(dataset, syntax, depth);
            if (ReferenceEquals(attribute, SkippedDuplicate)) continue;
            if (dataset.Contains(attribute.Tag))
            {
                // Keep the first, as DCMTK does, so both toolkits agree on what such a file says.
                Warn(input.Position, $"Duplicate element {attribute.Tag}; the first one is kept");
                continue;
            }
            dataset.Set(attribute);
        }
    }

    /// <summary>An item where an element belongs: some writers lose a sequence header. Skip the item so the rest of
    /// the dataset (often the UIDs that matter) can still be read.</summary>
    private void SkipStrayItem(DicomTransferSyntax syntax, int depth)
    {
        var offset = input.Position;
        var length = ReadLength32(input.Peek(8)[4..]);
        input.Advance(8);
        if (length == UndefinedLength)
        {
            if (depth + 1 > options.MaxSequenceDepth)
                throw new DicomFormatException($"Sequences nested deeper than {options.MaxSequenceDepth}", offset);
            ReadBody(new DicomDataset(), syntax, -1, undefinedItem: true, depth + 1);
        }
        else
        {
            CheckLength(DicomTag.Item, length, offset);
            input.Skip(length);
        }
        Warn(offset, "Skipped an item found where a data element was expected");
    }

    private DicomTag ReadTag(ReadOnlySpan<byte> head) => input.BigEndian
        ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(head), BinaryPrimitives.ReadUInt16BigEndian(head[2..]))
        : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(head), BinaryPrimitives.ReadUInt16LittleEndian(head[2..]));

    private uint ReadLength32(ReadOnlySpan<byte> s) =>
        input.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private static readonly DicomElement SkippedDuplicate = new(default, DicomVR.UN, DicomBuffer.Empty);

    /// <summary>At top level, eight zero bytes are either trailing padding (fine) or a hole of zeros in the middle of a
    /// file (corruption). Consumes the run; true when it reached the end of the data.</summary>
    private bool SkipZeroRun()
    {
        var offset = input.Position;
        while (true)
        {
            var window = input.PeekAvailable(64 * 1024);
            if (window.IsEmpty)
            {
                Warn(offset, $"Ignored {input.Position - offset} trailing zero bytes");
                return true;
            }
            var nonZero = window.IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                input.Advance(nonZero);
                throw new DicomFormatException($"Found {input.Position - offset} zero bytes where a data element was expected", offset);
            }
            input.Advance(window.Length);
        }
    }

    private DicomAttribute ReadAttribute(DicomDataset dataset, DicomTransferSyntax syntax, int depth)
    {
        var offset = input.Position;
        var head = input.Peek(8);
        var tag = ReadTag(head);
        DicomVR vr;
        uint length;
        var explicitHeader = false;

        if ((syntax.IsExplicitVR || (depth > 0 && LooksExplicitInImplicit(tag, head, dataset))) && DicomVRInfo.TryParse(head[4], head[5], out vr))
        {
            explicitHeader = true;
            if (DicomVRInfo.HasLongLength(vr))
            {
                var longHead = input.Peek(12);
                length = ReadLength32(longHead[8..]);
                input.Advance(12);
            }
            else
            {
                length = input.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(head[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(head[6..]);
                input.Advance(8);
            }
        }
        else
        {
            if (syntax.IsExplicitVR)
            {
                if (head[4] is >= (byte)'A' and <= (byte)'Z' && head[5] is >= (byte)'A' and <= (byte)'Z')
                {
                    // An unknown VR: PS3.5 7.1.2 says new VRs use the long form; read it as UN.
                    var longHead = input.Peek(12);
                    length = ReadLength32(longHead[8..]);
                    input.Advance(12);
                    Warn(offset, $"Unknown VR '{(char)head[4]}{(char)head[5]}' for {tag}; read as UN");
                    vr = DicomVR.UN;
                    explicitHeader = true;
                    goto haveHeader;
                }
                // Non-letter VR bytes: assume the short form, as DCMTK does, so both toolkits resynchronise alike.
                length = input.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(head[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(head[6..]);
                input.Advance(8);
                vr = ResolveImplicitVR(tag, dataset);
                if (vr == DicomVR.SQ) vr = DicomVR.UN;
                Warn(offset, $"Element {tag} has invalid VR bytes {head[4]:X2} {head[5]:X2}; assumed a 2-byte length");
                explicitHeader = true;
                goto haveHeader;
            }
            length = ReadLength32(head[4..]);
            input.Advance(8);
            vr = ResolveImplicitVR(tag, dataset);
        }

        haveHeader:
        if (++AttributeCount > options.MaxAttributeCount)
            throw new DicomFormatException($"More than {options.MaxAttributeCount} attributes", offset);

        if (length == UndefinedLength)
        {
            if (vr == DicomVR.SQ) return ReadSequence(tag, vr, length, syntax, depth, offset);
            if (vr == DicomVR.UN && explicitHeader)
            {
                // PS3.5 6.2.2: UN of undefined length holds a sequence encoded in Implicit VR Little Endian.
                var wasBigEndian = input.BigEndian;
                input.BigEndian = false;
                try { return ReadSequence(tag, DicomVR.SQ, length, DicomTransferSyntax.ImplicitVRLittleEndian, depth, offset); }
                finally { input.BigEndian = wasBigEndian; }
            }
            if (tag == DicomTag.PixelData || (explicitHeader && vr is DicomVR.OB or DicomVR.OW))
                return ReadFragments(tag, vr == DicomVR.OW && explicitHeader ? DicomVR.OW : DicomVR.OB, offset);
            if (!explicitHeader && vr == DicomVR.UN)
                return ReadSequence(tag, DicomVR.SQ, length, syntax, depth, offset);
            throw new DicomFormatException($"Undefined length is not allowed for {tag} with VR {DicomVRInfo.Code(vr)}", offset);
        }

        if (vr == DicomVR.SQ)
        {
            if (explicitHeader || length == 0 || StartsWithItem()) return ReadSequence(tag, vr, length, syntax, depth, offset);
            // The dictionary says SQ but the value is no item: an older meaning of the tag (retired elements were
            // reused). Keep the bytes rather than fail the file.
            Warn(offset, $"Implicit VR {tag} is SQ in the dictionary but its value is not a sequence; kept as UN");
            vr = DicomVR.UN;
        }
        CheckLength(tag, length, offset);
        if (!explicitHeader && vr == DicomVR.UN && length >= 8 && StartsWithItem())
        {
            // An unknown implicit VR element whose value opens with an item tag is a sequence the dictionary lacks.
            return ReadSequence(tag, DicomVR.SQ, length, syntax, depth, offset);
        }
        if (dataset.Contains(tag))
        {
            // Skip rather than read: a hostile file of repeated elements must not cost a value allocation each.
            Warn(offset, $"Duplicate element {tag}; the first one is kept");
            input.Skip(length);
            return SkippedDuplicate;
        }
        return new DicomElement(tag, vr, ReadValue(length, input.BigEndian ? DicomVRInfo.ByteSwapUnit(vr) : 1));
    }

    private void CheckLength(DicomTag tag, long length, long offset)
    {
        if (length > options.MaxValueLength)
            throw new DicomFormatException($"Value length {length} of {tag} exceeds the cap of {options.MaxValueLength}", offset);
        if (length > input.Remaining)
            throw new DicomFormatException($"Value length {length} of {tag} exceeds the {input.Remaining} bytes that remain", offset);
    }

    private DicomBuffer ReadValue(long length, int swapUnit)
    {
        if (length == 0) return DicomBuffer.Empty;
        if (sourcePath is not null && length >= options.LargeValueThreshold)
        {
            var deferred = new FileRangeBuffer(sourcePath, input.Position, length, swapUnit);
            input.Skip(length);
            return deferred;
        }
        if (length > options.MaxInMemoryValueLength)
            throw new DicomFormatException($"Value of {length} bytes exceeds the in-memory cap of {options.MaxInMemoryValueLength}", input.Position);
        var bytes = input.ReadBytes((int)length);
        if (swapUnit > 1) FileRangeBuffer.Swap(bytes, swapUnit);
        return new MemoryBuffer(bytes);
    }

    private DicomSequence ReadSequence(DicomTag tag, DicomVR vr, uint length, DicomTransferSyntax syntax, int depth, long offset)
    {
        if (depth + 1 > options.MaxSequenceDepth)
            throw new DicomFormatException($"Sequences nested deeper than {options.MaxSequenceDepth}", offset);
        var sequence = new DicomSequence(tag, vr) { UndefinedLength = length == UndefinedLength };
        long end = -1;
        if (length != UndefinedLength)
        {
            CheckLength(tag, length, offset);
            end = input.Position + length;
        }
        while (true)
        {
            if (end >= 0 && input.Position >= end)
            {
                // An undefined-length item may overrun a miscounted sequence length (seen from real scanners);
                // the item's own delimiter is the better witness, so keep going from there.
                if (input.Position > end) Warn(input.Position, $"An item ran {input.Position - end} bytes past the end of sequence {tag}");
                break;
            }
            if (!input.TryEnsure(8))
            {
                if (end >= 0) throw new DicomFormatException($"Data ended inside sequence {tag}", input.Position);
                Warn(input.Position, $"Data ended before the delimiter of sequence {tag}");
                break;
            }
            var head = input.Peek(8);
            var itemTag = ReadTag(head);
            var itemLength = ReadLength32(head[4..]);
            var itemOffset = input.Position;
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                input.Advance(8);
                if (end >= 0) Warn(itemOffset, $"Sequence delimiter inside sequence {tag} of defined length");
                break;
            }
            if (itemTag == DicomTag.ItemDelimitationItem)
            {
                input.Advance(8);
                Warn(itemOffset, $"Ignored a stray item delimiter in sequence {tag}");
                continue;
            }
            if (itemTag != DicomTag.Item)
                throw new DicomFormatException($"Expected an item in sequence {tag}, found {itemTag}", itemOffset);
            input.Advance(8);
            if (++AttributeCount > options.MaxAttributeCount)
                throw new DicomFormatException($"More than {options.MaxAttributeCount} attributes", itemOffset);
            var item = new DicomDataset { UndefinedLength = itemLength == UndefinedLength };
            sequence.Add(item);
            if (itemLength == UndefinedLength)
            {
                ReadBody(item, syntax, -1, undefinedItem: true, depth + 1);
            }
            else
            {
                CheckLength(DicomTag.Item, itemLength, itemOffset);
                if (end >= 0 && input.Position + itemLength > end)
                    throw new DicomFormatException($"Item of {itemLength} bytes runs past the end of sequence {tag}", itemOffset);
                ReadBody(item, syntax, input.Position + itemLength, undefinedItem: false, depth + 1);
            }
        }
        return sequence;
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr, long offset)
    {
        var fragments = new DicomFragmentSequence(tag, vr);
        var first = true;
        while (true)
        {
            if (!input.TryEnsure(8))
            {
                if (first) throw new DicomFormatException($"Encapsulated {tag} has no offset table item", input.Position);
                Warn(input.Position, $"Data ended before the delimiter of encapsulated {tag}");
                break;
            }
            var head = input.Peek(8);
            var itemTag = ReadTag(head);
            var itemLength = ReadLength32(head[4..]);
            var itemOffset = input.Position;
            input.Advance(8);
            if (itemTag == DicomTag.SequenceDelimitationItem) break;
            if (itemTag != DicomTag.Item)
                throw new DicomFormatException($"Expected a fragment item in encapsulated {tag}, found {itemTag}", itemOffset);
            if (itemLength == UndefinedLength)
                throw new DicomFormatException($"Fragment of encapsulated {tag} has undefined length", itemOffset);
            CheckLength(tag, itemLength, itemOffset);
            if (++AttributeCount > options.MaxAttributeCount)
                throw new DicomFormatException($"More than {options.MaxAttributeCount} attributes", itemOffset);
            // Fragments are byte streams: never swapped.
            var value = ReadValue(itemLength, 1);
            if (first) fragments.OffsetTable = value;
            else fragments.Fragments.Add(value);
            first = false;
        }
        return fragments;
    }

    private bool StartsWithItem()
    {
        var p = input.PeekAvailable(4);
        return p.Length == 4 && p[0] == 0xFE && p[1] == 0xFF && p[2] == 0x00 && p[3] == 0xE0;
    }

    /// <summary>Some writers encode private sequence items in explicit VR inside an implicit VR dataset. When the two
    /// bytes after the tag spell exactly the VR the dictionary gives that tag, the element is explicit: an implicit
    /// length that happens to equal those letters is far less likely than the writer bug.</summary>
    private bool LooksExplicitInImplicit(DicomTag tag, ReadOnlySpan<byte> head, DicomDataset dataset)
    {
        if (!DicomVRInfo.TryParse(head[4], head[5], out var written)) return false;
        var expected = ResolveImplicitVR(tag, dataset);
        if (expected == DicomVR.UN || expected != written) return false;
        Warn(input.Position, $"Element {tag} is in explicit VR inside an implicit VR dataset");
        return true;
    }

    /// <summary>The VR an implicit VR element takes: the dictionary's, with choices settled the way PS3.5 A.1 implies.</summary>
    private static DicomVR ResolveImplicitVR(DicomTag tag, DicomDataset dataset)
    {
        if (tag.IsGroupLength) return DicomVR.UL;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        DicomDictionaryEntry? entry;
        if (tag.IsPrivate)
        {
            var creator = dataset.GetPrivateCreator(tag);
            entry = creator is null ? null : DicomDictionary.FindPrivate(creator, tag);
        }
        else
        {
            entry = DicomDictionary.Find(tag);
        }
        if (entry is null || entry.VRs.Length == 0) return DicomVR.UN;
        var vrs = entry.VRs;
        if (vrs.Length == 1) return vrs[0];
        // Implicit VR Little Endian pixel, overlay and LUT data are OW; US-or-SS follows Pixel Representation.
        if (Array.IndexOf(vrs, DicomVR.US) >= 0 && Array.IndexOf(vrs, DicomVR.SS) >= 0)
        {
            var signed = dataset.GetElement(new DicomTag(0x0028, 0x0103)) is { Length: >= 2 } pr && pr.GetValue<ushort>() == 1;
            return signed ? DicomVR.SS : DicomVR.US;
        }
        if (Array.IndexOf(vrs, DicomVR.OW) >= 0) return DicomVR.OW;
        return vrs[0];
    }

    internal bool CanWarn => warnings.Count < MaxWarnings;

    private void Warn(long offset, string message)
    {
        if (CanWarn) warnings.Add(new DicomReadWarning(offset, message));
    }

    private void Warn(long offset, [InterpolatedStringHandlerArgument("")] ref WarningMessage message)
    {
        if (message.ToStringAndClear() is { } text) warnings.Add(new DicomReadWarning(offset, text));
    }
}
