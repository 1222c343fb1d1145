using System.Globalization;

namespace Imaging.Dicom.Data;

/// <summary>Parses DA, TM and DT values (PS3.5 6.2), tolerating the ACR-NEMA forms still found in old files.</summary>
public static class DicomDateTime
{
    /// <summary>DA: YYYYMMDD; also the ACR-NEMA "YYYY.MM.DD".</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        var s = text.Trim(" \0");
        if (s.Length == 10 && s[4] == '.' && s[7] == '.')
            return TryDate(s[..4], s[5..7], s[8..10], out date);
        if (s.Length != 8) return false;
        return TryDate(s[..4], s[4..6], s[6..8], out date);
    }

    private static bool TryDate(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>TM: HH[MM[SS[.F{1,6}]]]; also the ACR-NEMA "HH:MM:SS.frac".</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        var trimmed = text.Trim(" \0");
        if (trimmed.Length > 32) return false;
        Span<char> buffer = stackalloc char[32];
        var n = 0;
        foreach (var c in trimmed) if (c != ':') buffer[n++] = c;
        ReadOnlySpan<char> s = buffer[..n];
        if (s.Length < 2) return false;
        var dot = s.IndexOf('.');
        var main = dot >= 0 ? s[..dot] : s;
        if (main.Length is not (2 or 4 or 6)) return false;
        if (!Int(main[..2], out var hh) || hh > 23) return false;
        var mm = 0;
        var ss = 0;
        if (main.Length >= 4 && (!Int(main[2..4], out mm) || mm > 59)) return false;
        // 60 is a leap second in PS3.5; clamp it, TimeOnly cannot hold it.
        if (main.Length == 6 && (!Int(main[4..6], out ss) || ss > 60)) return false;
        long ticks = 0;
        if (dot >= 0)
        {
            var frac = s[(dot + 1)..];
            if (frac.Length is 0 or > 6 || !Int(frac, out var f)) return false;
            for (var i = frac.Length; i < 7; i++) f *= 10;
            ticks = f;
        }
        time = new TimeOnly(hh, mm, Math.Min(ss, 59)).Add(TimeSpan.FromTicks(ticks));
        return true;
    }

    /// <summary>DT: YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&amp;ZZXX]; missing parts take their lowest value.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        var s = text.Trim(" \0");
        var offset = TimeSpan.Zero;
        var sign = s.IndexOfAny('+', '-');
        if (sign > 0)
        {
            var z = s[(sign + 1)..];
            if (z.Length != 4 || !Int(z[..2], out var zh) || !Int(z[2..], out var zm) || zh > 14 || zm > 59) return false;
            offset = new TimeSpan(zh, zm, 0);
            if (s[sign] == '-') offset = -offset;
            s = s[..sign];
        }
        if (s.Length < 4) return false;
        if (!Int(s[..4], out var year) || year < 1) return false;
        int month = 1, day = 1;
        if (s.Length >= 6 && !Int(s[4..6], out month)) return false;
        if (s.Length >= 8 && !Int(s[6..8], out day)) return false;
        if (s.Length is 5 or 7) return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var time = TimeOnly.MinValue;
        if (s.Length > 8 && !TryParseTime(s[8..], out time)) return false;
        value = new DateTimeOffset(new DateTime(new DateOnly(year, month, day), time), offset);
        return true;
    }

    private static bool Int(ReadOnlySpan<char> s, out int v) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);

    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeOnly time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.ToString("HHmmss", CultureInfo.InvariantCulture)
            : time.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);
}
