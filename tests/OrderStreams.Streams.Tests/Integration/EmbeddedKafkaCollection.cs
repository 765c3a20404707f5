namespace OrderStreams.Streams.Tests.Integration;

[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<StreamsBrokerFixture>
{
    public const string Name = "embedded kafka";
}
