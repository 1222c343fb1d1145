namespace Imaging.Gateway.Pipeline;

/// <summary>Settings of the series assembler, bound from <c>Pipeline:SeriesAssembler</c>.</summary>
public sealed class SeriesAssemblerOptions
{
    public const string SectionName = "Pipeline:SeriesAssembler";

    /// <summary>Series completed per database call; more due series are completed in further calls straight away.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Longest sleep between looks at the deadlines, however far the next one is: deadlines added by another
    /// gateway (which cannot wake this one) are seen at most this late.</summary>
    public TimeSpan MaximumSleep { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a database failure; doubles up to <see cref="MaximumBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with these options, one line each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BatchSize < 1) problems.Add($"{SectionName}:BatchSize {BatchSize} must be at least 1");
        if (MaximumSleep <= TimeSpan.Zero) problems.Add($"{SectionName}:MaximumSleep must be positive");
        if (InitialBackoff <= TimeSpan.Zero || MaximumBackoff < InitialBackoff)
            problems.Add($"{SectionName}: InitialBackoff must be positive and at most MaximumBackoff");
        return problems;
    }
}
