
namespace Imaging.Storage.Tests;

/// <summary>The store contract against PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresImagingStoreTests(PostgresClusterFixture fixture) : ImagingStoreContractTests
{
    protected override Task<string> CreateDatabaseAsync() => fixture.Cluster.CreateDatabaseAsync();

    protected override IImagingStore Open(string database) => new PostgresImagingStore(database);

    protected override Task<IReadOnlyList<int>> AppliedMigrationsAsync(IImagingStore store) =>
        ((PostgresImagingStore)store).GetAppliedMigrationsAsync(CancellationToken.None);
}
