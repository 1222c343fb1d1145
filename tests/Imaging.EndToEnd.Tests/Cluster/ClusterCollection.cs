namespace Imaging.EndToEnd.Tests.Cluster;

/// <summary>The tests that run against the one <see cref="LocalCluster"/> (they stop and start its broker nodes).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "Local cluster (3 RabbitMQ nodes, 2 gateways, 2 workers)";
}
