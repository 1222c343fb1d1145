namespace Imaging.Worker;

/// <summary>How the worker consumes SeriesReady: its queue, how many series at once, and how failures are retried.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section the host binds (e.g. <c>Worker:ConcurrentSeries</c>).</summary>
    public const string SectionName = "Worker";

    /// <summary>The queue every worker consumes from: one name, so N workers compete for the same series.</summary>
    public string EndpointName { get; set; } = "imaging-series-ready";

    /// <summary>Series analysed at once by one worker process; analysis is CPU- and disk-bound, so about the core count.</summary>
    public int ConcurrentSeries { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Waits between attempts when a series fails, on top of the bus-wide retry (<c>Messaging:RetryLimit</c>,
    /// which every endpoint gets from ServiceDefaults). Empty by default: retries are configured in one place, and two
    /// stacked retry policies would multiply the attempts.</summary>
    public IList<TimeSpan> RetryIntervals { get; set; } = [];

    /// <summary>What is wrong with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(EndpointName)) problems.Add("Worker:EndpointName must not be empty");
        if (ConcurrentSeries < 1) problems.Add($"Worker:ConcurrentSeries must be at least 1 (is {ConcurrentSeries})");
        if (RetryIntervals.Any(i => i < TimeSpan.Zero)) problems.Add("Worker:RetryIntervals must not be negative");
        return problems;
    }
}
