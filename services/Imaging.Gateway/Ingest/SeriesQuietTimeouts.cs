namespace Imaging.Gateway.Ingest;

/// <summary>How long a series must stay quiet before it is ready, per calling AE: a modality that pauses between
/// acquisitions of one series needs a longer wait than a PACS forwarding a finished study.</summary>
public sealed class SeriesQuietTimeouts(TimeSpan fallback, IReadOnlyDictionary<string, TimeSpan> byCallingAe)
{
    /// <summary>The timeouts configured in <paramref name="options"/>.</summary>
    public static SeriesQuietTimeouts From(GatewayOptions options) => new(options.SeriesQuietTimeout,
        options.CallingAes.Where(a => a.SeriesQuietTimeout is not null)
            .ToDictionary(a => a.AeTitle.Trim(), a => a.SeriesQuietTimeout!.Value, StringComparer.Ordinal));

    public TimeSpan For(string callingAeTitle) =>
        byCallingAe.TryGetValue(callingAeTitle.Trim(), out var timeout) ? timeout : fallback;
}
