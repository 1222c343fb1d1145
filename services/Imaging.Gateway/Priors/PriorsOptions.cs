namespace Imaging.Gateway.Priors;

/// <summary>Prior retrieval from PACS, bound from the "Priors" section: when a study arrives, earlier studies of its patient
/// are looked up in each source (C-FIND) and retrieved to this gateway (C-MOVE).</summary>
public sealed class PriorsOptions
{
    public const string SectionName = "Priors";

    public bool Enabled { get; set; }

    /// <summary>The PACS asked, in order; a study found in several is retrieved from the first.</summary>
    public List<PriorSourceOptions> Sources { get; set; } = [];

    /// <summary>Most prior studies ever retrieved for one patient (newest first): a Patient ID shared by mistake must not
    /// pull a whole archive.</summary>
    public int MaximumStudiesPerPatient { get; set; } = 10;

    /// <summary>Most C-FIND matches read per query; the rest are cancelled (a hostile or misconfigured PACS).</summary>
    public int MaximumMatchesPerQuery { get; set; } = 500;

    /// <summary>Attempts of a look-up or retrieval before it is marked failed.</summary>
    public int MaximumAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; doubled after each further one, up to <see cref="MaximumBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest sleep of the worker loop when nothing is due (another gateway may add work).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaximumStudiesPerPatient < 1) problems.Add($"{SectionName}:MaximumStudiesPerPatient must be at least 1");
        if (MaximumMatchesPerQuery < 1) problems.Add($"{SectionName}:MaximumMatchesPerQuery must be at least 1");
        if (MaximumAttempts < 1) problems.Add($"{SectionName}:MaximumAttempts must be at least 1");
        if (InitialBackoff <= TimeSpan.Zero || MaximumBackoff < InitialBackoff)
            problems.Add($"{SectionName}:InitialBackoff must be positive and at most MaximumBackoff");
        if (PollInterval <= TimeSpan.Zero) problems.Add($"{SectionName}:PollInterval must be positive");
        if (Enabled && Sources.Count == 0) problems.Add($"{SectionName}:Sources must name at least one PACS when Priors:Enabled is true");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            var prefix = $"{SectionName}:Sources:{i}";
            source.Validate(problems, prefix);
            if (!names.Add(source.Name)) problems.Add($"{prefix}:Name '{source.Name}' is used twice");
        }
        return problems;
    }
}
