namespace Imaging.Storage.Tests;

/// <summary>The QIDO-RS query contract on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QidoPostgresQueryTests(PostgresClusterFixture fixture) : QidoQueryContractTests
{
    protected override async Task<IImagingStore> OpenMigratedAsync()
    {
        var store = new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}
