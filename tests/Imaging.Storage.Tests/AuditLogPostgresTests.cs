namespace Imaging.Storage.Tests;

/// <summary>The audit log contract on PostgreSQL: a private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogPostgresTests(PostgresClusterFixture fixture) : AuditLogContractTests
{
    protected override async Task<IImagingStore> OpenNewStoreAsync() => new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
}
