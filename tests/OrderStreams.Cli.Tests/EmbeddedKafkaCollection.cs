using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<TestBrokerFixture>
{
    public const string Name = "embedded kafka";
}
