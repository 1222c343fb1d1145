namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The tests that share one RabbitMQ node and one PostgreSQL cluster. They run one after the other: the fault
/// tests stop and start the broker and the database under everyone using them.</summary>
[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedInfrastructure>
{
    public const string Name = "Distributed (RabbitMQ + PostgreSQL)";
}
