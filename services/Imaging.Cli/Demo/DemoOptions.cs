namespace Imaging.Cli.Demo;

/// <summary>The <c>Demo</c> section: whether `imaging serve` seeds the demo patient, and who that patient is.</summary>
internal sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo patient once the host has started (`--demo` and `imaging demo` set it).</summary>
    public bool Enabled { get; set; }

    /// <summary>Patient ID of the demo patient; an existing patient with this ID is never seeded again.</summary>
    public string PatientId { get; set; } = "DEMO-0001";

    /// <summary>Name of the demo patient: clearly fake, so nobody mistakes the demo for a real patient.</summary>
    public string PatientName { get; set; } = "DEMO^BONE^METASTASES";

    /// <summary>Drives the phantoms' noise and UIDs: the same seed gives the same images and the same findings.</summary>
    public long Seed { get; set; } = 8;

    /// <summary>The calling AE title the demo's C-STOREs come from, as a modality's would.</summary>
    public string CallingAeTitle { get; set; } = "DEMO-MODALITY";

    /// <summary>Calling AE title of the worker's results when the demo points them at our own SCP.</summary>
    public string ResultsCallingAeTitle { get; set; } = "DEMO-RESULTS";

    /// <summary>Longest wait for one timepoint's findings (quiet timeout + analysis, on a loaded machine).</summary>
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with the values, worded for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate(string role)
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        if (role != Serve.ServeRoles.All) problems.Add($"Demo needs every role in one process (--role all), not '{role}'");
        // PS3.5 LO: 64 characters without backslash or control characters; the store matches Patient IDs exactly.
        if (string.IsNullOrWhiteSpace(PatientId) || PatientId.Length > 64 || PatientId.Any(c => c is < ' ' or > '~' or '\\'))
            problems.Add($"Demo:PatientId '{PatientId}' must be 1-64 printable ASCII characters without backslash");
        if (string.IsNullOrWhiteSpace(PatientName) || PatientName.Length > 64 || PatientName.Any(c => c is < ' ' or > '~' or '\\'))
            problems.Add($"Demo:PatientName '{PatientName}' must be 1-64 printable ASCII characters without backslash");
        if (Seed is < 0 or > int.MaxValue) problems.Add($"Demo:Seed {Seed} is outside 0-{int.MaxValue}");
        CheckAeTitle(problems, "Demo:CallingAeTitle", CallingAeTitle);
        CheckAeTitle(problems, "Demo:ResultsCallingAeTitle", ResultsCallingAeTitle);
        if (AnalysisTimeout <= TimeSpan.Zero || AnalysisTimeout > TimeSpan.FromHours(1))
            problems.Add($"Demo:AnalysisTimeout {AnalysisTimeout} must be positive and at most an hour");
        return problems;
    }

    private static void CheckAeTitle(List<string> problems, string key, string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
            problems.Add($"{key} '{title}' must be 1-16 printable ASCII characters without backslash");
    }
}
