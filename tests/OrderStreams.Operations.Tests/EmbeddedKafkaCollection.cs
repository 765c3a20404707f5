using OrderStreams.Operations.Tests.Support;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests;

[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<TestBrokerFixture>, ICollectionFixture<RegistryFixture>
{
    public const string Name = "embedded kafka";
}
