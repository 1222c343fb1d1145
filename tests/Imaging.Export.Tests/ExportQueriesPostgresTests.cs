using Imaging.Storage;
using Imaging.Storage.Tests;

namespace Imaging.Export.Tests;

/// <summary>The export's cohort queries on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExportQueriesPostgresTests(PostgresClusterFixture fixture) : ExportQueriesContractTests
{
    protected override async Task<IImagingStore> OpenMigratedAsync()
    {
        var store = new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}
