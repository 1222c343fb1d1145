namespace Imaging.Storage.Tests.ExportJobs;

/// <summary>The export job store contract on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExportJobStorePostgresTests(PostgresClusterFixture fixture) : ExportJobStoreContractTests
{
    protected override async Task<IImagingStore> OpenNewStoreAsync() => new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
}
