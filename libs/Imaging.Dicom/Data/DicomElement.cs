using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Data;

/// <summary>A non-sequence element: a tag, a VR and its value bytes (little endian in memory).</summary>
public sealed class DicomElement(DicomTag tag, DicomVR vr, DicomBuffer buffer) : DicomAttribute(tag, vr)
{
    public DicomBuffer Buffer { get; } = buffer;

    public long Length => Buffer.Length;

    public bool IsEmpty => Buffer.Length == 0;

    // ---- strings -------------------------------------------------------------------------------------------

    /// <summary>The whole value decoded as text, trailing padding (space or NUL) removed.</summary>
    public string GetString(DicomCharacterSet? characterSet = null)
    {
        if (Buffer.Length == 0) return string.Empty;
        var bytes = Buffer.GetMemory().Span;
        var text = DicomVRInfo.UsesCharacterSet(VR)
            ? (characterSet ?? DicomCharacterSet.Default).Decode(bytes, VR)
            : Encoding.Latin1.GetString(bytes);
        return text.TrimEnd(' ', '\0');
    }

    /// <summary>The values of a string element, split on '\' and trimmed as PS3.5 6.2 allows for the VR.</summary>
    public string[] GetStrings(DicomCharacterSet? characterSet = null)
    {
        if (Buffer.Length == 0) return [];
        var text = GetString(characterSet);
        if (DicomVRInfo.IsSingleValuedText(VR)) return [text];
        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++) parts[i] = TrimValue(parts[i], VR);
        return parts;
    }

    internal static string TrimValue(string value, DicomVR vr) => vr switch
    {
        // Leading spaces are significant in text VRs; elsewhere both ends are padding.
        DicomVR.LT or DicomVR.ST or DicomVR.UT => value.TrimEnd(' ', '\0'),
        DicomVR.UI => value.Trim('\0', ' '),
        _ => value.Trim(' ', '\0'),
    };

    /// <summary>Value multiplicity: number of values in the element.</summary>
    public int GetValueMultiplicity(DicomCharacterSet? characterSet = null)
    {
        if (Buffer.Length == 0) return 0;
        if (DicomVRInfo.IsString(VR)) return DicomVRInfo.IsSingleValuedText(VR) ? 1 : GetStrings(characterSet).Length;
        var unit = VR == DicomVR.AT ? 4 : DicomVRInfo.BinaryUnitSize(VR);
        return unit == 0 || VR is DicomVR.OB or DicomVR.OW or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.UN
            ? 1
            : (int)(Buffer.Length / unit);
    }

    // ---- binary numbers ------------------------------------------------------------------------------------

    /// <summary>All values of a binary element as <typeparamref name="T"/> (US→ushort, SL→int, FD→double, ...).</summary>
    public T[] GetValues<T>() where T : unmanaged
    {
        var bytes = Buffer.GetMemory().Span;
        var size = Marshal.SizeOf<T>();
        return MemoryMarshal.Cast<byte, T>(bytes[..(bytes.Length - bytes.Length % size)]).ToArray();
    }

    /// <summary>Value <paramref name="index"/> of a binary element.</summary>
    public T GetValue<T>(int index = 0) where T : unmanaged
    {
        var bytes = Buffer.GetMemory().Span;
        var size = Marshal.SizeOf<T>();
        if (index < 0 || (long)(index + 1) * size > bytes.Length)
            throw new DicomValueException(Tag, $"has no value #{index} of {size} bytes (length {bytes.Length}).");
        return MemoryMarshal.Read<T>(bytes[(index * size)..]);
    }

    /// <summary>The values of an AT element.</summary>
    public DicomTag[] GetTags()
    {
        var bytes = Buffer.GetMemory().Span;
        var result = new DicomTag[bytes.Length / 4];
        for (var i = 0; i < result.Length; i++)
            result[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4 + 2)..]));
        return result;
    }

    // ---- numeric strings (tolerant) -----------------------------------------------------------------------

    /// <summary>DS values as doubles; tolerant of padding, '+' signs, comma decimals and empty values (NaN).</summary>
    public double[] GetDecimals()
    {
        var parts = GetStrings();
        var result = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!DicomNumberParser.TryParseDecimal(parts[i], out result[i]))
                throw new DicomValueException(Tag, $"value '{parts[i]}' is not a decimal string.");
        }
        return result;
    }

    /// <summary>IS values as 64-bit integers; tolerant of padding, '+' signs and a trailing ".0".</summary>
    public long[] GetIntegers()
    {
        var parts = GetStrings();
        var result = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!DicomNumberParser.TryParseInteger(parts[i], out result[i]))
                throw new DicomValueException(Tag, $"value '{parts[i]}' is not an integer string.");
        }
        return result;
    }

    // ---- factories ---------------------------------------------------------------------------------------

    /// <summary>A string element; values are joined with '\' and padded to even length.</summary>
    public static DicomElement FromStrings(DicomTag tag, DicomVR vr, IReadOnlyList<string> values, DicomCharacterSet? characterSet = null)
    {
        if (!DicomVRInfo.IsString(vr)) throw new ArgumentException($"{DicomVRInfo.Code(vr)} is not a string VR.", nameof(vr));
        var text = string.Join('\\', values);
        var bytes = DicomVRInfo.UsesCharacterSet(vr)
            ? (characterSet ?? DicomCharacterSet.Default).Encode(text, vr)
            : Encoding.ASCII.GetBytes(text);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = DicomVRInfo.PaddingByte(vr);
        }
        return new DicomElement(tag, vr, DicomBuffer.FromBytes(bytes));
    }

    public static DicomElement FromString(DicomTag tag, DicomVR vr, string value, DicomCharacterSet? characterSet = null) =>
        FromStrings(tag, vr, DicomVRInfo.IsSingleValuedText(vr) ? [value] : value.Split('\\'), characterSet);

    /// <summary>A binary element from values of the matching CLR type.</summary>
    public static DicomElement FromValues<T>(DicomTag tag, DicomVR vr, params T[] values) where T : unmanaged =>
        new(tag, vr, DicomBuffer.FromBytes(MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));

    public static DicomElement FromTags(DicomTag tag, params DicomTag[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), values[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4 + 2), values[i].Element);
        }
        return new DicomElement(tag, DicomVR.AT, DicomBuffer.FromBytes(bytes));
    }

    public static DicomElement FromDecimals(DicomTag tag, params double[] values) =>
        FromStrings(tag, DicomVR.DS, values.Select(DicomNumberParser.FormatDecimal).ToArray());

    public static DicomElement FromIntegers(DicomTag tag, params long[] values) =>
        FromStrings(tag, DicomVR.IS, values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
}
