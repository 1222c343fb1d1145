using Imaging.Contracts;

namespace Imaging.Storage;

/// <summary>The series assembler's state: pending series with a quiet deadline, kept in the database so it
/// survives restarts and is shared by several gateways.</summary>
public interface ISeriesReadinessStore
{
    /// <summary>In ONE transaction per series: every pending series whose deadline is at or before <paramref name="now"/>
    /// (at most <paramref name="maximum"/>) becomes ready with its ready version incremented, and an outbox row carrying
    /// the returned <see cref="SeriesReady"/> is added. Concurrent callers never complete the same series twice.</summary>
    Task<IReadOnlyList<SeriesReady>> CompleteDueSeriesAsync(DateTimeOffset now, int maximum, CancellationToken cancellationToken);

    /// <summary>The earliest deadline of a pending series, so the assembler can sleep until then; null when none.</summary>
    Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken);
}
