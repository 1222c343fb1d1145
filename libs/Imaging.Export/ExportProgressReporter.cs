namespace Imaging.Export;

/// <summary>Counts an export's instances and reports progress at most once per interval (a CLI bar or an API job row
/// does not need every instance), plus once at the end.</summary>
internal sealed class ExportProgressReporter(int total, IProgress<ExportProgress>? progress, TimeProvider time, TimeSpan interval)
{
    private readonly object _gate = new();
    private int _exported;
    private int _quarantined;
    private int _failed;
    private long _bytes;
    private long _lastReport = long.MinValue;

    public int Exported => Volatile.Read(ref _exported);
    public int Quarantined => Volatile.Read(ref _quarantined);
    public int Failed => Volatile.Read(ref _failed);
    public long Bytes => Interlocked.Read(ref _bytes);

    public void AddExported(long bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _exported);
        MaybeReport();
    }

    public void AddQuarantined()
    {
        Interlocked.Increment(ref _quarantined);
        MaybeReport();
    }

    public void AddFailed()
    {
        Interlocked.Increment(ref _failed);
        MaybeReport();
    }

    /// <summary>The final report, whatever the interval.</summary>
    public void ReportNow()
    {
        if (progress is null) return;
        lock (_gate)
        {
            _lastReport = time.GetTimestamp();
            progress.Report(Snapshot());
        }
    }

    private void MaybeReport()
    {
        if (progress is null) return;
        var now = time.GetTimestamp();
        if (_lastReport != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref _lastReport), now) < interval) return;
        lock (_gate)
        {
            if (_lastReport != long.MinValue && time.GetElapsedTime(_lastReport, now) < interval) return;
            _lastReport = now;
            progress.Report(Snapshot());
        }
    }

    private ExportProgress Snapshot() => new(total, Exported, Quarantined, Failed, Bytes);
}
