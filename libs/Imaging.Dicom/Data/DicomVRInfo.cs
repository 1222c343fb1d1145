namespace Imaging.Dicom.Data;

/// <summary>Encoding facts about each VR (PS3.5 6.2 and 7.1.2).</summary>
public static class DicomVRInfo
{
    /// <summary>All 34 VRs, in alphabetical order.</summary>
    public static readonly IReadOnlyList<DicomVR> All = Enum.GetValues<DicomVR>().Where(v => v != DicomVR.None).ToArray();

    /// <summary>Parses two ASCII bytes; returns false when they are not one of the 34 VRs.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr)
    {
        vr = (DicomVR)((first << 8) | second);
        return IsKnown(vr);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out DicomVR vr)
    {
        vr = DicomVR.None;
        if (text.Length != 2 || text[0] > 0x7F || text[1] > 0x7F) return false;
        return TryParse((byte)text[0], (byte)text[1], out vr);
    }

    public static DicomVR Parse(string text) =>
        TryParse(text, out var vr) ? vr : throw new FormatException($"Not a DICOM VR: '{text}'.");

    public static bool IsKnown(DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or
        DicomVR.FD or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD or
        DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL or
        DicomVR.SQ or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI or
        DicomVR.UL or DicomVR.UN or DicomVR.UR or DicomVR.US or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    public static string Code(DicomVR vr) =>
        vr == DicomVR.None ? "??" : string.Create(2, (ushort)vr, static (s, v) => { s[0] = (char)(v >> 8); s[1] = (char)(v & 0xFF); });

    /// <summary>Explicit VR encoding uses a 2-byte reserved field and a 32-bit length for these (PS3.5 Table 7.1-1).</summary>
    public static bool HasLongLength(DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.SQ or
        DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>Character string VRs; their values are text (possibly multi-valued with '\').</summary>
    public static bool IsString(DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.IS or
        DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM or DicomVR.UC or
        DicomVR.UI or DicomVR.UR or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>String VRs whose bytes are interpreted through Specific Character Set (PS3.5 6.1.2.3).</summary>
    public static bool UsesCharacterSet(DicomVR vr) => vr switch
    {
        DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT or DicomVR.PN or DicomVR.UC or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>String VRs that hold exactly one value: a backslash in them is data, not a separator.</summary>
    public static bool IsSingleValuedText(DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>Size in bytes of one binary value, or 0 for strings, SQ and UN.</summary>
    public static int BinaryUnitSize(DicomVR vr) => vr switch
    {
        DicomVR.OB => 1,
        DicomVR.OW or DicomVR.SS or DicomVR.US => 2,
        DicomVR.AT => 2, // swapped as two 16-bit halves
        DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.SL or DicomVR.UL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.OV or DicomVR.SV or DicomVR.UV => 8,
        _ => 0,
    };

    /// <summary>Bytes that must be swapped as a unit when changing endianness; 1 means never swap.</summary>
    public static int ByteSwapUnit(DicomVR vr) => vr switch
    {
        DicomVR.OW or DicomVR.SS or DicomVR.US or DicomVR.AT => 2,
        DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.SL or DicomVR.UL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.OV or DicomVR.SV or DicomVR.UV => 8,
        _ => 1,
    };

    /// <summary>Padding byte for odd-length values: NUL for UI and binary, space for other strings.</summary>
    public static byte PaddingByte(DicomVR vr) => vr == DicomVR.UI || !IsString(vr) ? (byte)0 : (byte)' ';

    /// <summary>Maximum length of one value in bytes (characters for text VRs), or 0 where unbounded.</summary>
    public static int MaxValueLength(DicomVR vr) => vr switch
    {
        DicomVR.AE => 16,
        DicomVR.AS => 4,
        DicomVR.CS => 16,
        DicomVR.DA => 8,
        DicomVR.DS => 16,
        DicomVR.DT => 26,
        DicomVR.IS => 12,
        DicomVR.LO => 64,
        DicomVR.LT => 10240,
        DicomVR.PN => 64 * 3 + 2,
        DicomVR.SH => 16,
        DicomVR.ST => 1024,
        DicomVR.TM => 14,
        DicomVR.UI => 64,
        _ => 0,
    };
}
