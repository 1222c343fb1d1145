namespace Imaging.Worker.Results;

/// <summary>The AE that receives the results (a PACS): called AE title, host, port, and the calling AE title we use.</summary>
public sealed class ResultsDestinationOptions
{
    public string? AeTitle { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 104;

    public string CallingAeTitle { get; set; } = "IMAGING";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for each C-STORE response.</summary>
    public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A destination is configured when it has an AE title or a host; then both must be valid.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AeTitle) || !string.IsNullOrWhiteSpace(Host);

    /// <summary>What is wrong with the destination, each problem naming its key under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var problems = new List<string>();
        if (!IsConfigured) return problems;
        if (AeTitleProblem(AeTitle) is { } called) problems.Add($"{prefix}:AeTitle {called}");
        if (string.IsNullOrWhiteSpace(Host)) problems.Add($"{prefix}:Host must be set when {prefix}:AeTitle is");
        if (Port is < 1 or > 65535) problems.Add($"{prefix}:Port must be 1 to 65535 (is {Port})");
        if (AeTitleProblem(CallingAeTitle) is { } calling) problems.Add($"{prefix}:CallingAeTitle {calling}");
        if (ConnectTimeout <= TimeSpan.Zero) problems.Add($"{prefix}:ConnectTimeout must be positive");
        if (DimseTimeout <= TimeSpan.Zero) problems.Add($"{prefix}:DimseTimeout must be positive");
        return problems;
    }

    /// <summary>PS3.5 AE VR: 1 to 16 characters of the default repertoire without backslash or control characters, not
    /// only spaces.</summary>
    private static string? AeTitleProblem(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return "must be set (1 to 16 characters)";
        if (title.Trim().Length > 16) return $"'{title}' is longer than 16 characters";
        if (title.Any(c => c is '\\' or < ' ' or > '~')) return $"'{title}' has a backslash, a control or a non-ASCII character";
        return null;
    }
}
