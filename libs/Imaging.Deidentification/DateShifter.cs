using System.Globalization;
using System.Text;

namespace Imaging.Deidentification;

/// <summary>Shifts DA and DT values by whole days (Retain Longitudinal Temporal Information with Modified Dates): the
/// time of day, fraction and UTC offset of a DT are kept, so intervals between any two values survive to the second.</summary>
internal static class DateShifter
{
    /// <summary>Shifts every value of a DA element (multi-valued, or a range "a-b"); values that are not dates become
    /// empty, since a malformed date could still carry the original one.</summary>
    public static string ShiftDateValues(string text, int days) => ShiftValues(text, days, isDateTime: false);

    /// <summary>Shifts every value of a DT element; the date part moves, the rest is kept.</summary>
    public static string ShiftDateTimeValues(string text, int days) => ShiftValues(text, days, isDateTime: true);

    private static string ShiftValues(string text, int days, bool isDateTime)
    {
        var values = text.Split('\\');
        var result = new StringBuilder(text.Length);
        for (var v = 0; v < values.Length; v++)
        {
            if (v > 0) result.Append('\\');
            var value = values[v].Trim();
            // A range (queries, some private encodings): both ends move.
            var dash = isDateTime ? -1 : value.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                result.Append(ShiftOne(value[..dash], days, false)).Append('-').Append(ShiftOne(value[(dash + 1)..], days, false));
                continue;
            }
            result.Append(ShiftOne(value, days, isDateTime));
        }
        return result.ToString();
    }

    /// <summary>Shifts one DA (YYYYMMDD, or the legacy YYYY.MM.DD) or DT value (YYYY[MM[DD[HH...]]]). A partial date is
    /// shifted from its first day and written back with its own precision.</summary>
    public static string ShiftOne(string value, int days, bool isDateTime)
    {
        if (value.Length == 0) return value;
        if (!isDateTime && value.Length == 10 && value[4] == '.' && value[7] == '.') value = value.Replace(".", "", StringComparison.Ordinal);
        if (!isDateTime && value.Length != 8) return string.Empty;
        var dateLength = Math.Min(8, CountLeadingDigits(value));
        if (dateLength is not (4 or 6 or 8)) return string.Empty;
        var year = ParseInt(value, 0, 4);
        var month = dateLength >= 6 ? ParseInt(value, 4, 2) : 1;
        var day = dateLength == 8 ? ParseInt(value, 6, 2) : 1;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return string.Empty;
        var date = new DateOnly(year, month, day);
        DateOnly shifted;
        try
        {
            shifted = date.AddDays(days);
        }
        catch (ArgumentOutOfRangeException)
        {
            return string.Empty;
        }
        var text = shifted.ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..dateLength];
        return isDateTime ? text + value[dateLength..] : text;
    }

    private static int CountLeadingDigits(string value)
    {
        var n = 0;
        while (n < value.Length && char.IsAsciiDigit(value[n])) n++;
        return n;
    }

    private static int ParseInt(string value, int start, int length) =>
        int.TryParse(value.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
