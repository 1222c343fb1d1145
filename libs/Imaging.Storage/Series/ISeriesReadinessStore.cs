using Imaging.Contracts;

namespace Imaging.Storage;

/// <summary>The series assembler's state: pending series with a quiet deadline, kept in the database so it
/// survives restarts and is shared by several gateways.</summary>
public interface ISeriesReadinessStore
{
    /// <summary>In ONE transaction (per call): every pending series whose deadline (newest instance's ReceivedAt + quiet
    /// timeout) is at or before <paramref name="now"/> (at most <paramref name="maximum"/>) becomes ready with its ready
    /// version incremented, and an outbox row carrying the returned <see cref="SeriesReady"/> is added, in the same
    /// transaction. Concurrent callers (threads, processes, gateways) never complete the same series twice.</summary>
    Task<IReadOnlyList<SeriesReady>> CompleteDueSeriesAsync(DateTimeOffset now, int maximum, CancellationToken cancellationToken);

    /// <summary>When the assembler should next call <see cref="CompleteDueSeriesAsync"/>; null when no series is pending.</summary>
    /// <remarks>Never later than the earliest real deadline, but may be earlier: instances do not move the stored deadline
    /// (that would make every instance of a series update, and lock, one row); <see cref="CompleteDueSeriesAsync"/> moves
    /// it forward when it finds a series not yet quiet. An early wake-up completes nothing and asks again.</remarks>
    Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken);
}
