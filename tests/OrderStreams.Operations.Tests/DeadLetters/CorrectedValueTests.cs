using OrderStreams.Avro.Json;
using OrderStreams.Contracts.Events;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.Operations.Tests.Support;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.DeadLetters;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CorrectedValueTests(RegistryFixture registry)
{
    private static readonly OrderPlaced Order = Samples.Placed(Guid.NewGuid(), "branch-03");
    private static readonly string Json = AvroJson.ToJson(Order.ToGeneric(), OrderPlaced.Schema);

    [Fact]
    public async Task FromJsonAsync_SubjectNotRegisteredYet_UsesTheManifestSchema()
    {
        var topic = TestBrokerFixture.UniqueName("corrected");
        using var client = registry.Client();

        var bytes = await CorrectedValue.FromJsonAsync(client, topic, Json, OrderPlaced.Schema.FullName);

        Assert.Equal(Order, new AvroDeserializer<OrderPlaced>(client).Deserialize(bytes, topic));
        Assert.Single(await client.GetSubjectVersionsAsync($"{topic}-value"));
    }

    [Fact]
    public async Task FromJsonAsync_RegisteredSubject_FramesWithItsLatestId()
    {
        var topic = TestBrokerFixture.UniqueName("corrected");
        using var client = registry.Client();
        var id = await new AvroSerializer<OrderPlaced>(client).SchemaIdAsync(topic);

        var bytes = await CorrectedValue.FromJsonAsync(client, topic, Json, manifestSchema: null);

        Assert.Equal(id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
    }

    [Fact]
    public async Task FromJsonAsync_JsonThatDoesNotFit_SaysWhere()
    {
        using var client = registry.Client();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            CorrectedValue.FromJsonAsync(client, TestBrokerFixture.UniqueName("corrected"), Json.Replace("\"quantity\":1", "\"quantity\":\"one\""), OrderPlaced.Schema.FullName));

        Assert.Contains("quantity", error.Message);
    }
}
