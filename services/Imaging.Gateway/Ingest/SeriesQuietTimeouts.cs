namespace Imaging.Gateway.Ingest;

/// <summary>How long a series must stay quiet before it is ready, per calling AE: a modality that pauses between
/// acquisitions of one series needs a longer wait than a PACS forwarding a finished study.</summary>
public sealed class SeriesQuietTimeouts(TimeSpan fallback, IReadOnlyDictionary<string, TimeSpan> byCallingAe)
{
    public TimeSpan For(string callingAeTitle) =>
        byCallingAe.TryGetValue(callingAeTitle.Trim(), out var timeout) ? timeout : fallback;
}
