using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests;

/// <summary>The tests of this project that need a broker share one embedded cluster.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<TestBrokerFixture>
{
    public const string Name = "embedded kafka";
}
