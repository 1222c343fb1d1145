namespace Imaging.Worker.Results;

/// <summary>Where the worker sends the DICOM objects made from findings (SR, key image, key object selection), bound from
/// <c>Worker:Results</c>; with no destination nothing is sent.</summary>
public sealed class ResultsOptions
{
    /// <summary>The configuration section (e.g. <c>Worker:Results:Destination:Host</c>, or
    /// <c>Worker__Results__Destination__Host</c> in the environment).</summary>
    public const string SectionName = "Worker:Results";

    public ResultsDestinationOptions Destination { get; set; } = new();

    /// <summary>The queue the results consumer reads FindingsProduced from: one name, so workers share the sending.</summary>
    public string EndpointName { get; set; } = "imaging-results";

    /// <summary>Waits between attempts after a transient failure (destination unreachable, association aborted), on top of
    /// the bus-wide retry; empty by default, as for <see cref="WorkerOptions.RetryIntervals"/>.</summary>
    public IList<TimeSpan> RetryIntervals { get; set; } = [];

    /// <summary>What is wrong with these options; empty when they are usable (an unconfigured destination is usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(EndpointName)) problems.Add($"{SectionName}:EndpointName must not be empty");
        if (RetryIntervals.Any(i => i < TimeSpan.Zero)) problems.Add($"{SectionName}:RetryIntervals must not be negative");
        problems.AddRange(Destination?.Validate($"{SectionName}:Destination") ?? [$"{SectionName}:Destination must not be null"]);
        return problems;
    }
}
