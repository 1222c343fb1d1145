using System.Globalization;

namespace Imaging.Dicom.Json;

/// <summary>Maps DS, IS, SV and UV text between PS3.5 and JSON number syntax.</summary>
/// <remarks>PS3.18 Table F.2.3-1 maps these VRs to "Number or String". A value is written as a JSON number when it is a
/// number by the VR's own grammar, keeping its digits (so "1.50" stays 1.50, which a JSON consumer can still compare
/// textually); anything else is written as a string so that no text is lost. This matches DCMTK's dcm2json.</remarks>
internal static class DicomJsonNumbers
{
    /// <summary>Largest magnitude that every JSON consumer reads exactly (RFC 8259 section 6: ±(2^53 − 1)).</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Rewrites a DS value (already trimmed) as a JSON number, or returns false when it is not a decimal.</summary>
    /// <remarks>JSON forbids a leading '+', leading zeros, a leading '.' and a trailing '.', all of which DS allows.</remarks>
    public static bool TryDecimalToJson(ReadOnlySpan<char> ds, out string json)
    {
        json = "";
        var i = 0;
        var negative = false;
        if (i < ds.Length && (ds[i] == '+' || ds[i] == '-')) negative = ds[i++] == '-';
        var intStart = i;
        while (i < ds.Length && char.IsAsciiDigit(ds[i])) i++;
        var intDigits = ds[intStart..i];
        ReadOnlySpan<char> fraction = default;
        if (i < ds.Length && ds[i] == '.')
        {
            var fracStart = ++i;
            while (i < ds.Length && char.IsAsciiDigit(ds[i])) i++;
            fraction = ds[fracStart..i];
        }
        if (intDigits.IsEmpty && fraction.IsEmpty) return false;
        ReadOnlySpan<char> exponent = default;
        if (i < ds.Length && (ds[i] == 'e' || ds[i] == 'E'))
        {
            var expStart = i++;
            if (i < ds.Length && (ds[i] == '+' || ds[i] == '-')) i++;
            var digitsStart = i;
            while (i < ds.Length && char.IsAsciiDigit(ds[i])) i++;
            if (i == digitsStart) return false;
            exponent = ds[expStart..i];
        }
        if (i != ds.Length) return false;

        var integer = intDigits.TrimStart('0');
        var sb = new System.Text.StringBuilder(ds.Length + 2);
        if (negative) sb.Append('-');
        if (integer.IsEmpty) sb.Append('0'); else sb.Append(integer);
        if (!fraction.IsEmpty) sb.Append('.').Append(fraction);
        sb.Append(exponent);
        json = sb.ToString();
        return true;
    }

    /// <summary>Rewrites an IS value (already trimmed) as a JSON number, or returns false when it is not a valid IS.</summary>
    /// <remarks>PS3.5 limits IS to the signed 32-bit range; values outside it, or with a fraction, stay strings.</remarks>
    public static bool TryIntegerToJson(ReadOnlySpan<char> text, out string json)
    {
        json = "";
        if (text.IsEmpty) return false;
        var i = 0;
        var negative = false;
        if (text[0] == '+' || text[0] == '-') { negative = text[0] == '-'; i = 1; }
        var digits = text[i..];
        if (digits.IsEmpty) return false;
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude)) return false;
        if (negative ? magnitude > 2147483648L : magnitude > int.MaxValue) return false;
        var trimmed = digits.TrimStart('0');
        json = (negative ? "-" : "") + (trimmed.IsEmpty ? "0" : trimmed.ToString());
        return true;
    }

    /// <summary>Checks that a JSON number's text is acceptable as DS text as it stands.</summary>
    /// <remarks>JSON number syntax is a subset of the DS grammar, so only the 16-character limit of PS3.5 can fail.</remarks>
    public static bool FitsDecimalString(ReadOnlySpan<byte> jsonNumber) => jsonNumber.Length <= 16;

    public static bool IsJsonInteger(ReadOnlySpan<byte> jsonNumber)
    {
        if (jsonNumber.IsEmpty) return false;
        var start = jsonNumber[0] == (byte)'-' ? 1 : 0;
        if (start == jsonNumber.Length) return false;
        for (var i = start; i < jsonNumber.Length; i++)
            if (jsonNumber[i] is < (byte)'0' or > (byte)'9') return false;
        return true;
    }
}
