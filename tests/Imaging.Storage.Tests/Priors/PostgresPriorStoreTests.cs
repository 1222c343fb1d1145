namespace Imaging.Storage.Tests.Priors;

/// <summary>The prior bookkeeping contract on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPriorStoreTests(PostgresClusterFixture fixture) : PriorStoreContractTests
{
    protected override Task<string> CreateDatabaseAsync() => fixture.Cluster.CreateDatabaseAsync();

    protected override IImagingStore Open(string database) => new PostgresImagingStore(database);
}
