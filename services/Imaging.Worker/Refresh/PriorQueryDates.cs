using System.Globalization;

namespace Imaging.Worker.Refresh;

/// <summary>DA text as indexed to a date (null when absent or malformed).</summary>
internal static class PriorQueryDates
{
    public static DateOnly? Parse(string? da) =>
        DateOnly.TryParseExact(da?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
