using System.Globalization;
using Imaging.Export;

namespace Imaging.Cli.Export;

/// <summary>The progress of `imaging export` on stderr: percentage, instances per second and time left, as a bar redrawn in
/// place on a terminal or as plain lines in a log.</summary>
/// <remarks>Thread-safe: a runner may report from several workers.</remarks>
internal sealed class ExportProgressDisplay(TextWriter error, ExportProgressMode mode, TimeProvider time) : IProgress<ExportProgress>
{
    /// <summary>Longest a redirected run stays silent while instances complete.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    /// <summary>Redraws of the bar at most this often: a terminal repainting per instance would cost more than the export.</summary>
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(100);

    private const int Width = 30;

    private readonly object _gate = new();
    private readonly long _start = time.GetTimestamp();
    private long _lastShown = long.MinValue;
    private int _lastTenth = -1;
    private int _lastLength;

    public void Report(ExportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (mode == ExportProgressMode.None) return;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var finished = value.Total > 0 && value.Done >= value.Total;
            if (mode == ExportProgressMode.Bar)
            {
                if (!finished && _lastShown != long.MinValue && time.GetElapsedTime(_lastShown, now) < BarInterval) return;
                var line = Describe(value, now, bar: true);
                error.Write($"\r{line.PadRight(_lastLength)}");
                error.Flush();
                _lastLength = line.Length;
            }
            else
            {
                var tenth = value.Total <= 0 ? 0 : (int)Math.Min(10, (long)value.Done * 10 / value.Total);
                var due = _lastShown != long.MinValue && time.GetElapsedTime(_lastShown, now) >= LineInterval;
                if (tenth <= _lastTenth && !due) return;
                _lastTenth = Math.Max(_lastTenth, tenth);
                error.WriteLine($"imaging: export: {Describe(value, now, bar: false)}");
                error.Flush();
            }
            _lastShown = now;
        }
    }

    /// <summary>Ends the bar's line (a redirected run has nothing to end).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (mode != ExportProgressMode.Bar || _lastLength == 0) return;
            error.WriteLine();
            error.Flush();
            _lastLength = 0;
        }
    }

    private string Describe(ExportProgress value, long now, bool bar)
    {
        var fraction = value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 0;
        var elapsed = time.GetElapsedTime(_start, now).TotalSeconds;
        var rate = elapsed > 0 ? value.Done / elapsed : 0;
        var eta = rate > 0 && value.Total > value.Done ? FormatDuration((value.Total - value.Done) / rate) : "-";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{fraction * 100,3:0}% {value.Done}/{value.Total} instances, {rate:0} instances/s, ETA {eta}");
        if (value.Quarantined + value.Failed > 0)
            text += string.Create(CultureInfo.InvariantCulture, $" ({value.Quarantined} quarantined, {value.Failed} failed)");
        if (!bar) return text;
        var filled = (int)(fraction * Width);
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {text}";
    }

    private static string FormatDuration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(99).TotalSeconds));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0}s");
    }
}
