namespace Imaging.Gateway.Pipeline;

/// <summary>Waits between attempts of a background loop after failures: doubling, capped, with jitter so several
/// gateways that lost the same database or broker do not all come back in the same instant.</summary>
internal static class Backoff
{
    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure (1 = the first).</summary>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan maximum)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var nominal = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), maximum.TotalMilliseconds);
        var jittered = nominal * (0.8 + Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, maximum.TotalMilliseconds));
    }
}
