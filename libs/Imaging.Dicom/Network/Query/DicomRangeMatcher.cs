using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Single value and range matching for DA, TM and DT keys (PS3.4 C.2.2.2.5): "A-B", "A-", "-B" or a single value.</summary>
/// <remarks>Values are compared as normalised sortable text (dates as YYYYMMDD, times as HHMMSS.FFFFFF, date-times as
/// their concatenation), so an upper bound given with less precision covers the whole unit it names ("-1030" includes 10:30:59).
/// Time zone offsets of DT values are ignored.</remarks>
public static class DicomRangeMatcher
{
    /// <returns>Whether <paramref name="value"/> (a stored value) is matched by <paramref name="key"/>; false for malformed text.</returns>
    public static bool IsMatch(DicomVR vr, string value, string key)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        // A DT key's '-' may also start a UTC offset ("20240101120000-0500"); only a dash before any digit of an
        // offset-free lower bound, or after a complete lower bound of even length, is a range separator.
        if (vr == DicomVR.DT) dash = FindDateTimeRangeDash(key);
        var stored = Normalise(vr, value, upper: false);
        if (stored is null) return false;
        if (dash < 0)
        {
            var low = Normalise(vr, key, upper: false);
            var high = Normalise(vr, key, upper: true);
            return low is not null && high is not null && string.CompareOrdinal(stored, low) >= 0 && string.CompareOrdinal(stored, high) <= 0;
        }
        var lowerText = key[..dash].Trim();
        var upperText = key[(dash + 1)..].Trim();
        if (lowerText.Length == 0 && upperText.Length == 0) return true;
        if (lowerText.Length > 0)
        {
            var lower = Normalise(vr, lowerText, upper: false);
            if (lower is null || string.CompareOrdinal(stored, lower) < 0) return false;
        }
        if (upperText.Length > 0)
        {
            var upper = Normalise(vr, upperText, upper: true);
            if (upper is null || string.CompareOrdinal(stored, upper) > 0) return false;
        }
        return true;
    }

    private static int FindDateTimeRangeDash(string key)
    {
        // A range separator is preceded by nothing or by a lower bound; an offset sign follows at least 4 date digits
        // and precedes exactly 4 digits that end the value or are followed by another '-'.
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != '-') continue;
            var after = key.AsSpan(i + 1);
            var isOffset = i >= 4 && after.Length >= 4 && IsDigits(after[..4]) && (after.Length == 4 || after[4] == '-');
            if (!isOffset) return i;
        }
        return -1;
    }

    private static string? Normalise(DicomVR vr, string text, bool upper)
    {
        text = text.Trim();
        if (vr == DicomVR.DA) return NormaliseDate(text.Replace(".", "", StringComparison.Ordinal), upper);
        if (vr == DicomVR.TM) return NormaliseTime(text.Replace(":", "", StringComparison.Ordinal), upper);
        if (vr == DicomVR.DT)
        {
            // Strip an offset; comparisons are on the written local values.
            var signAt = text.IndexOfAny(['+', '-'], Math.Min(4, text.Length));
            if (signAt >= 0) text = text[..signAt];
            if (text.Length < 4) return null;
            var datePart = text[..Math.Min(8, text.Length)];
            var date = NormaliseDate(datePart, upper);
            if (date is null) return null;
            var time = text.Length > 8 ? NormaliseTime(text[8..], upper) : (upper ? "235959.999999" : "000000.000000");
            return time is null ? null : date + time;
        }
        return null;
    }

    private static string? NormaliseDate(string text, bool upper)
    {
        // DT allows YYYY and YYYYMM; DA values are always complete but partial forms cost nothing to accept.
        if (text.Length is not (4 or 6 or 8) || !IsDigits(text)) return null;
        return text.Length switch
        {
            4 => text + (upper ? "1231" : "0101"),
            6 => text + (upper ? "31" : "01"),
            _ => text,
        };
    }

    private static string? NormaliseTime(string text, bool upper)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length is not (2 or 4 or 6) || !IsDigits(whole) || fraction.Length > 6 || !IsDigits(fraction)) return null;
        if (fraction.Length > 0 && whole.Length != 6) return null;
        var filler = upper ? '9' : '0';
        var hhmmss = whole.Length switch { 2 => whole + (upper ? "5959" : "0000"), 4 => whole + (upper ? "59" : "00"), _ => whole };
        return hhmmss + "." + fraction.PadRight(6, filler);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }
}
