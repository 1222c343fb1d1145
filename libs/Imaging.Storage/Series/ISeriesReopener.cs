using Imaging.Contracts;

namespace Imaging.Storage;

/// <summary>Sends an analysed series round again (e.g. a prior arrived after it was compared with nothing or an older one).</summary>
public interface ISeriesReopener
{
    /// <summary>In one transaction: when the series is ready at exactly <paramref name="expectedReadyVersion"/>, its ready
    /// version becomes one more and an outbox row carrying the returned <see cref="SeriesReady"/> is added; otherwise (pending,
    /// unknown, or already reopened by someone else) nothing changes and null is returned. The expected version makes a
    /// redelivered request a no-op instead of a second analysis.</summary>
    Task<SeriesReady?> ReopenSeriesAsync(string seriesInstanceUid, int expectedReadyVersion, DateTimeOffset now, CancellationToken cancellationToken);
}
