using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests;

[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<EmbeddedKafkaFixture>
{
    public const string Name = "embedded kafka";
}
