namespace Imaging.EndToEnd.Tests.Support;

/// <summary>What one storescu run achieved.</summary>
/// <param name="Succeeded">Files answered Success: what the modality may forget, so what the service must never lose.</param>
/// <param name="Failures">The status text of every other answer.</param>
public sealed record StoreOutcome(int Files, int ExitCode, int Succeeded, IReadOnlyList<string> Failures, string Output)
{
    public bool AllSucceeded => ExitCode == 0 && Succeeded == Files;

    public override string ToString() =>
        $"storescu: {Files} files, {Succeeded} succeeded, exit code {ExitCode}, failures [{string.Join("; ", Failures)}]\n" +
        // Without the progress dots of each transfer.
        string.Join('\n', Output.Split('\n').Where(l => !l.StartsWith("XMIT:", StringComparison.Ordinal)));
}
