namespace Imaging.Gateway.Priors;

/// <summary>A PACS asked for priors: where it listens, how we call it, what to look for and where it sends them.</summary>
public sealed class PriorSourceOptions
{
    /// <summary>Modalities looked for when <see cref="Modalities"/> is not configured: bone scans, CT and MR.</summary>
    public static readonly IReadOnlyList<string> DefaultModalities = ["NM", "CT", "MR"];

    /// <summary>Stable name, kept with each retrieval (so a retry goes to the same PACS).</summary>
    public string Name { get; set; } = "";

    /// <summary>The PACS's AE title (called AE).</summary>
    public string AeTitle { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 104;

    /// <summary>Our AE title in the association; the gateway's first AE title when empty.</summary>
    public string? CallingAeTitle { get; set; }

    /// <summary>How far before the arriving study's date priors are looked for.</summary>
    public int LookBackDays { get; set; } = 1825;

    /// <summary>Modalities in study looked for; <see cref="DefaultModalities"/> when null (a list default would be appended
    /// to by configuration binding, so the default lives outside the property).</summary>
    public List<string>? Modalities { get; set; }

    /// <summary>The AE the PACS sends the priors to (it must know its host and port); the gateway's first AE title when empty.</summary>
    public string? MoveDestination { get; set; }

    /// <summary>Longest wait on the PACS: connecting, negotiating, and each response (a C-MOVE's pending responses included).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest whole C-MOVE of one study; a retrieval still running then is cancelled and retried later.</summary>
    public TimeSpan MoveTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public IReadOnlyList<string> EffectiveModalities => Modalities is { Count: > 0 } configured ? configured : DefaultModalities;

    internal void Validate(List<string> problems, string prefix)
    {
        if (string.IsNullOrWhiteSpace(Name)) problems.Add($"{prefix}:Name is required");
        Imaging.Gateway.AeTitle.Check(problems, $"{prefix}:AeTitle", AeTitle);
        if (!string.IsNullOrEmpty(CallingAeTitle)) Imaging.Gateway.AeTitle.Check(problems, $"{prefix}:CallingAeTitle", CallingAeTitle);
        if (!string.IsNullOrEmpty(MoveDestination)) Imaging.Gateway.AeTitle.Check(problems, $"{prefix}:MoveDestination", MoveDestination);
        if (string.IsNullOrWhiteSpace(Host)) problems.Add($"{prefix}:Host is required");
        if (Port is < 1 or > 65535) problems.Add($"{prefix}:Port {Port} is not a TCP port");
        if (LookBackDays is < 1 or > 36500) problems.Add($"{prefix}:LookBackDays must be between 1 and 36500");
        if (Timeout <= TimeSpan.Zero) problems.Add($"{prefix}:Timeout must be positive");
        if (MoveTimeout < Timeout) problems.Add($"{prefix}:MoveTimeout must be at least Timeout");
        foreach (var modality in EffectiveModalities)
        {
            if (modality.Length is 0 or > 16 || !modality.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or ' '))
                problems.Add($"{prefix}:Modalities '{modality}' is not a modality code (upper-case CS)");
        }
    }
}
