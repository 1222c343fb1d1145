using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Dump;

/// <summary>Renders DICOM files and datasets as text laid out like DCMTK's dcmdump, one line per element.</summary>
/// <remarks>The layout follows dcmdump's so that the two can be compared line by line and so that people who read
/// dcmdump output daily can read ours. Deliberate differences: UIDs are printed as numbers (no UID-name table),
/// transfer syntax names are this toolkit's, text is decoded through Specific Character Set, control characters
/// are written as "&amp;#N;" so that every element stays on one line, and floating-point values are printed in their
/// shortest exact form.</remarks>
public static class DicomDumpFormatter
{
    /// <summary>dcmdump pads the value column to this width before the "# length, VM name" comment.</summary>
    private const int ValueColumnWidth = 40;
    private const string Ellipsis = "...";

    /// <summary>The whole file: header comments, the meta group, then the dataset.</summary>
    public static IEnumerable<string> FormatLines(DicomFile file, DicomDumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= DicomDumpOptions.Default;
        yield return "";
        yield return "# Dicom-File-Format";
        yield return "";
        yield return "# Dicom-Meta-Information-Header";
        yield return "# Used TransferSyntax: " + (file.FileMetaInformation.Count > 0 ? DicomTransferSyntax.ExplicitVRLittleEndian.Name : "Unknown Transfer Syntax");
        foreach (var line in FormatDataset(file.FileMetaInformation, DicomTransferSyntax.ExplicitVRLittleEndian, options)) yield return line;
        yield return "";
        yield return "# Dicom-Data-Set";
        yield return "# Used TransferSyntax: " + Describe(file.TransferSyntax);
        foreach (var line in FormatDataset(file.Dataset, file.TransferSyntax, options)) yield return line;
    }

    /// <summary>One dataset without file headers; <paramref name="syntax"/> is the encoding whose lengths are shown for
    /// sequences and items of explicit length.</summary>
    public static IEnumerable<string> FormatDataset(DicomDataset dataset, DicomTransferSyntax syntax, DicomDumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        return FormatAttributes(dataset, syntax, options ?? DicomDumpOptions.Default, depth: 0);
    }

    /// <summary>Writes the dump of <paramref name="file"/> line by line, so a huge dataset is never held as one string.</summary>
    public static async Task WriteAsync(TextWriter writer, DicomFile file, DicomDumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in FormatLines(file, options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The dump of <paramref name="file"/> as one string with "\n" line ends.</summary>
    public static string Format(DicomFile file, DicomDumpOptions? options = null)
    {
        var sb = new StringBuilder();
        foreach (var line in FormatLines(file, options)) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    private static string Describe(DicomTransferSyntax syntax) =>
        syntax.IsUnknown ? $"Unknown Transfer Syntax {syntax.Uid}" : syntax.Name;

    private static IEnumerable<string> FormatAttributes(DicomDataset dataset, DicomTransferSyntax syntax, DicomDumpOptions options, int depth)
    {
        foreach (var attribute in dataset)
        {
            switch (attribute)
            {
                case DicomElement element:
                    yield return FormatElement(element, dataset, options, depth);
                    break;
                case DicomSequence sequence:
                    foreach (var line in FormatSequence(sequence, dataset, syntax, options, depth)) yield return line;
                    break;
                case DicomFragmentSequence fragments:
                    foreach (var line in FormatFragments(fragments, dataset, options, depth)) yield return line;
                    break;
            }
        }
    }

    private static IEnumerable<string> FormatSequence(DicomSequence sequence, DicomDataset owner, DicomTransferSyntax syntax, DicomDumpOptions options, int depth)
    {
        var kind = sequence.UndefinedLength ? "undefined" : "explicit";
        var length = sequence.UndefinedLength ? null : (long?)MeasureSequence(sequence, syntax);
        yield return Line(depth, sequence.Tag, DicomVRInfo.Code(sequence.VR), $"(Sequence with {kind} length #={sequence.Items.Count})",
            length, 1, Name(sequence.Tag, owner));
        foreach (var item in sequence.Items)
        {
            var itemKind = item.UndefinedLength ? "undefined" : "explicit";
            var itemLength = item.UndefinedLength ? null : (long?)DicomDatasetWriter.MeasureLength(item, syntax);
            yield return Line(depth + 1, DicomTag.Item, "na", $"(Item with {itemKind} length #={item.Count})", itemLength, 1, "Item");
            foreach (var line in FormatAttributes(item, syntax, options, depth + 2)) yield return line;
            // dcmdump marks delimiters it would add when re-encoding an explicit-length item; we do the same so the
            // line structure of both dumps matches.
            yield return Line(depth + 1, DicomTag.ItemDelimitationItem, "na",
                item.UndefinedLength ? "(ItemDelimitationItem)" : "(ItemDelimitationItem for re-encoding)", 0, 0, "ItemDelimitationItem");
        }
        yield return Line(depth, DicomTag.SequenceDelimitationItem, "na",
            sequence.UndefinedLength ? "(SequenceDelimitationItem)" : "(SequenceDelimitationItem for re-encod.)", 0, 0, "SequenceDelimitationItem");
    }

    private static long MeasureSequence(DicomSequence sequence, DicomTransferSyntax syntax)
    {
        long total = 0;
        foreach (var item in sequence.Items) total += 8 + DicomDatasetWriter.MeasureLength(item, syntax) + (item.UndefinedLength ? 8 : 0);
        return total;
    }

    private static IEnumerable<string> FormatFragments(DicomFragmentSequence fragments, DicomDataset owner, DicomDumpOptions options, int depth)
    {
        yield return Line(depth, fragments.Tag, DicomVRInfo.Code(fragments.VR), $"(PixelSequence #={fragments.Fragments.Count + 1})",
            null, 1, Name(fragments.Tag, owner));
        foreach (var buffer in fragments.Fragments.Prepend(fragments.OffsetTable))
        {
            var value = buffer.Length == 0 ? "(no value available)" : RenderBinary(buffer, DicomVR.OB, options.MaxValueWidth);
            yield return Line(depth + 1, DicomTag.Item, "pi", value, buffer.Length, 1, "Item");
        }
        yield return Line(depth, DicomTag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)", 0, 0, "SequenceDelimitationItem");
    }

    private static string FormatElement(DicomElement element, DicomDataset owner, DicomDumpOptions options, int depth)
    {
        string value;
        int multiplicity;
        if (element.Length == 0)
        {
            value = "(no value available)";
            // DCMTK counts an empty OB/OW/UN as one value and an empty anything else as none.
            multiplicity = IsOpaque(element.VR) ? 1 : 0;
        }
        else if (DicomVRInfo.IsString(element.VR))
        {
            (value, multiplicity) = RenderText(element, owner.CharacterSet, options.MaxValueWidth);
        }
        else
        {
            value = RenderBinary(element.Buffer, element.VR, options.MaxValueWidth);
            var unit = UnitSize(element.VR);
            multiplicity = IsOpaque(element.VR) || element.Length % unit != 0 ? 1 : (int)(element.Length / unit);
        }
        return Line(depth, element.Tag, DicomVRInfo.Code(element.VR), value, element.Length, multiplicity, Name(element.Tag, owner));
    }

    private static (string Value, int Multiplicity) RenderText(DicomElement element, DicomCharacterSet characterSet, int maxWidth)
    {
        var text = element.GetString(characterSet);
        var multiplicity = DicomVRInfo.IsSingleValuedText(element.VR) ? 1 : text.Count(c => c == '\\') + 1;
        var sb = new StringBuilder(text.Length + 2).Append('[');
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F) sb.Append("&#").Append((int)c).Append(';');
            else sb.Append(c);
        }
        sb.Append(']');
        if (maxWidth <= 0 || sb.Length <= maxWidth) return (sb.ToString(), multiplicity);
        var cut = Math.Max(1, maxWidth - Ellipsis.Length);
        if (char.IsHighSurrogate(sb[cut - 1])) cut--;
        return (sb.ToString(0, cut) + Ellipsis, multiplicity);
    }

    /// <summary>Binary values separated by '\'; when the whole would be wider than <paramref name="maxWidth"/>, as many
    /// values as fit in the width less the ellipsis, then "...".</summary>
    private static string RenderBinary(DicomBuffer buffer, DicomVR vr, int maxWidth)
    {
        var unit = UnitSize(vr);
        // Every value prints as at least one character plus a separator, so this many bytes always overflow the
        // width: a deferred value (pixel data) is read only this far instead of whole.
        var needed = maxWidth <= 0 ? long.MaxValue : (maxWidth / 2 + 2) * 8L;
        var bytes = BufferPrefix.Read(buffer, needed).Span;
        if (bytes.Length % unit != 0 && bytes.Length == buffer.Length)
        {
            // A value that is not a whole number of units: show its bytes rather than guess.
            unit = 1;
            vr = DicomVR.OB;
        }
        var sb = new StringBuilder();
        var fits = 0;
        var count = bytes.Length / unit;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append('\\');
            AppendValue(sb, bytes.Slice(i * unit, unit), vr);
            if (maxWidth <= 0) continue;
            if (sb.Length <= maxWidth - Ellipsis.Length) fits = sb.Length;
            if (sb.Length > maxWidth) return sb.ToString(0, fits) + Ellipsis;
        }
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, ReadOnlySpan<byte> v, DicomVR vr)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (vr)
        {
            case DicomVR.OW:
                sb.Append(BinaryPrimitives.ReadUInt16LittleEndian(v).ToString("x4", inv));
                break;
            case DicomVR.US:
                sb.Append(BinaryPrimitives.ReadUInt16LittleEndian(v).ToString(inv));
                break;
            case DicomVR.SS:
                sb.Append(BinaryPrimitives.ReadInt16LittleEndian(v).ToString(inv));
                break;
            case DicomVR.UL or DicomVR.OL:
                sb.Append(BinaryPrimitives.ReadUInt32LittleEndian(v).ToString(inv));
                break;
            case DicomVR.SL:
                sb.Append(BinaryPrimitives.ReadInt32LittleEndian(v).ToString(inv));
                break;
            case DicomVR.UV or DicomVR.OV:
                sb.Append(BinaryPrimitives.ReadUInt64LittleEndian(v).ToString(inv));
                break;
            case DicomVR.SV:
                sb.Append(BinaryPrimitives.ReadInt64LittleEndian(v).ToString(inv));
                break;
            case DicomVR.FL or DicomVR.OF:
                AppendReal(sb, BinaryPrimitives.ReadSingleLittleEndian(v));
                break;
            case DicomVR.FD or DicomVR.OD:
                AppendReal(sb, BinaryPrimitives.ReadDoubleLittleEndian(v));
                break;
            case DicomVR.AT:
                sb.Append('(').Append(BinaryPrimitives.ReadUInt16LittleEndian(v).ToString("x4", inv)).Append(',')
                  .Append(BinaryPrimitives.ReadUInt16LittleEndian(v[2..]).ToString("x4", inv)).Append(')');
                break;
            default:
                sb.Append(v[0].ToString("x2", inv));
                break;
        }
    }

    /// <summary>The shortest text that reads back as the same value, with a C-style lower-case exponent.</summary>
    /// <remarks>dcmdump prints many more digits than needed (4.68 as 4.6799999999999997); the shortest
    /// round-trip form is exact too and is what a person expects to read.</remarks>
    private static void AppendReal(StringBuilder sb, double value)
    {
        if (double.IsNaN(value)) sb.Append("nan");
        else if (double.IsInfinity(value)) sb.Append(value > 0 ? "inf" : "-inf");
        else sb.Append(value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'));
    }

    private static void AppendReal(StringBuilder sb, float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value)) AppendReal(sb, (double)value);
        else sb.Append(value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'));
    }

    /// <summary>Bytes per printed value: OB and UN print byte by byte, OW word by word, AT as (group,element) pairs.</summary>
    private static int UnitSize(DicomVR vr) => vr switch
    {
        DicomVR.OW => 2,
        DicomVR.AT => 4,
        _ => Math.Max(1, DicomVRInfo.BinaryUnitSize(vr)),
    };

    /// <summary>VRs whose value is one opaque run of bytes or numbers (value multiplicity 1 however long).</summary>
    private static bool IsOpaque(DicomVR vr) =>
        vr is DicomVR.OB or DicomVR.OW or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.UN or DicomVR.None;

    private static string Name(DicomTag tag, DicomDataset owner)
    {
        // Structural tags in private groups have fixed names whatever a private dictionary holds.
        if (tag.IsPrivateCreator) return "PrivateCreator";
        if (tag.IsPrivate && tag.IsGroupLength) return "PrivateGroupLength";
        DicomDictionaryEntry? entry;
        if (tag.IsPrivate)
        {
            var creator = owner.GetPrivateCreator(tag);
            entry = creator is null ? null : DicomDictionary.FindPrivate(creator, tag);
        }
        else
        {
            entry = DicomDictionary.Find(tag);
        }
        if (entry is null) return tag.IsGroupLength ? "GenericGroupLength" : "Unknown Tag & Data";
        return entry.IsRetired && !entry.Keyword.StartsWith("RETIRED_", StringComparison.Ordinal) ? "RETIRED_" + entry.Keyword : entry.Keyword;
    }

    private static string Line(int depth, DicomTag tag, string vr, string value, long? length, int multiplicity, string name)
    {
        var sb = new StringBuilder(2 * depth + 80 + value.Length);
        sb.Append(' ', 2 * depth)
          .Append('(').Append(tag.Group.ToString("x4", CultureInfo.InvariantCulture)).Append(',')
          .Append(tag.Element.ToString("x4", CultureInfo.InvariantCulture)).Append(") ")
          .Append(vr).Append(' ')
          .Append(value);
        if (value.Length < ValueColumnWidth) sb.Append(' ', ValueColumnWidth - value.Length);
        sb.Append(" # ")
          .Append((length is { } l ? l.ToString(CultureInfo.InvariantCulture) : "u/l").PadLeft(3))
          .Append(',')
          .Append(multiplicity.ToString(CultureInfo.InvariantCulture).PadLeft(2))
          .Append(' ')
          .Append(name);
        return sb.ToString();
    }
}
