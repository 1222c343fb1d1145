using System.Globalization;

namespace Imaging.Dicom.Data;

/// <summary>Parses DS and IS text the way real files write it, not only the way PS3.5 says they should.</summary>
public static class DicomNumberParser
{
    public static bool TryParseDecimal(string text, out double value)
    {
        var s = text.Trim(' ', '\0', '\t');
        if (s.Length == 0) { value = double.NaN; return true; }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        // Some writers used the locale's decimal comma.
        return s.Contains(',') && !s.Contains('.') &&
               double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInteger(string text, out long value)
    {
        var s = text.Trim(' ', '\0', '\t');
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        // "12.0" and "1.2E1" appear in the wild; accept them only when they are whole numbers.
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            value = (long)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Formats a double in at most 16 characters, as DS requires.</summary>
    public static string FormatDecimal(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Length <= 16) return s;
        for (var digits = 15; digits > 0; digits--)
        {
            s = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (s.Length <= 16) return s;
        }
        return s;
    }
}
