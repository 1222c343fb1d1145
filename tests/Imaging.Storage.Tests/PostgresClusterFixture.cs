namespace Imaging.Storage.Tests;

/// <summary>One private cluster shared by the PostgreSQL contract tests (each test gets its own database in it).</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL cluster did not start.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}
