using OrderStreams.Testing;

namespace OrderStreams.Bench.Streamiz.Tests;

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<TestBrokerFixture>
{
    public const string Name = "broker";
}
