namespace Imaging.Storage.Tests;

/// <summary>The workspace queries on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PatientQueriesPostgresTests(PostgresClusterFixture fixture) : PatientQueriesContractTests
{
    protected override async Task<IImagingStore> OpenMigratedAsync()
    {
        var store = new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}
