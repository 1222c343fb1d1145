namespace Imaging.Storage;

/// <summary>The index, outbox, series readiness and findings behind one interface: SQLite for the embedded default,
/// PostgreSQL for the distributed mode. Both pass the same test suite.</summary>
public interface IImagingStore : IInstanceIndex, IOutboxStore, ISeriesReadinessStore, IFindingsStore, IStudyQueries, IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema (versioned migrations, each applied once, in a transaction).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Round-trips to the database; throws when it cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken);
}
