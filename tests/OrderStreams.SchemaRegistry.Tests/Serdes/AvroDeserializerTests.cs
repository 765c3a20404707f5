using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

public class AvroDeserializerTests
{
    private const string Topic = "payments";
    private static readonly Payment Sample = new() { Id = "pay-1", Amount = 1250, Currency = "USD" };
    private static readonly SerializationContext PaymentsValue = new(MessageComponentType.Value, Topic);

    [Fact]
    public async Task Deserialize_WhatTheSerializerWrote_ReturnsEqualValueSyncAndAsync()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);
        var deserializer = new AvroDeserializer<Payment>(registry);

        Assert.Equal(Sample, deserializer.Deserialize(bytes, isNull: false, PaymentsValue));
        Assert.Equal(Sample, await deserializer.DeserializeAsync(bytes, isNull: false, PaymentsValue));
    }

    [Fact]
    public void Deserialize_ManyRecordsOfOneSchemaId_FetchesTheSchemaOnce()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);
        var deserializer = new AvroDeserializer<Payment>(registry);
        for (var i = 0; i < 100; i++)
            deserializer.Deserialize(bytes, Topic);

        Assert.Equal(1, registry.GetSchemaCalls);
    }

    [Fact]
    public async Task Deserialize_DataWrittenWithAnOlderSchema_ResolvesToTheReaderType()
    {
        var registry = new InMemorySchemaRegistry();
        var v1 = AvroSchema.Parse(Schemas.PaymentV1);
        var id = await registry.RegisterSchemaAsync("payments-value", new Confluent.SchemaRegistry.Schema(Schemas.PaymentV1, Confluent.SchemaRegistry.SchemaType.Avro));
        var old = new GenericRecord((RecordSchema)v1) { ["id"] = "pay-7", ["amount"] = 990L };

        var payment = new AvroDeserializer<Payment>(registry).Deserialize(Frame(id, new GenericDatumWriter(v1).Serialize(old)), Topic);

        Assert.Equal(new Payment { Id = "pay-7", Amount = 990, Currency = "EUR" }, payment);
    }

    [Fact]
    public void Deserialize_WrongMagicByte_ThrowsWithTopic()
    {
        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Payment>(new InMemorySchemaRegistry()).Deserialize([1, 0, 0, 0, 7, 2], Topic));

        Assert.Equal(AvroSerdeErrorKind.WrongMagicByte, error.Kind);
        Assert.Equal(Topic, error.Topic);
        Assert.Null(error.SchemaId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Deserialize_ShorterThanTheHeader_ThrowsTruncated(int length)
    {
        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Payment>(new InMemorySchemaRegistry()).Deserialize(new byte[length], Topic));

        Assert.Equal(AvroSerdeErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void Deserialize_TruncatedBody_ThrowsTruncatedWithTheSchemaId()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);
        var id = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));

        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Payment>(registry).Deserialize(bytes[..^2], Topic));

        Assert.Equal(AvroSerdeErrorKind.Truncated, error.Kind);
        Assert.Equal(id, error.SchemaId);
        Assert.IsType<OrderStreams.Avro.AvroDecodeException>(error.InnerException);
    }

    [Fact]
    public void Deserialize_UnknownSchemaId_ThrowsUnknownSchemaIdAndAsksAgainNextTime()
    {
        var registry = new InMemorySchemaRegistry();
        var deserializer = new AvroDeserializer<Payment>(registry);

        var error = Assert.Throws<AvroSerdeException>(() => deserializer.Deserialize(Frame(4711, [2, 0x61, 2]), Topic));
        Assert.Throws<AvroSerdeException>(() => deserializer.Deserialize(Frame(4711, [2, 0x61, 2]), Topic));

        Assert.Equal(AvroSerdeErrorKind.UnknownSchemaId, error.Kind);
        Assert.Equal(4711, error.SchemaId);
        Assert.Contains("4711", error.Message);
        Assert.Equal(2, registry.GetSchemaCalls);
    }

    [Fact]
    public void Deserialize_RegistryDown_ThrowsRegistryUnavailable()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);
        registry.FailNext = new HttpRequestException("connection refused");

        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Payment>(registry).Deserialize(bytes, Topic));

        Assert.Equal(AvroSerdeErrorKind.RegistryUnavailable, error.Kind);
    }

    [Fact]
    public void Deserialize_Tombstone_ReturnsNull()
    {
        Assert.Null(new AvroDeserializer<Payment>(new InMemorySchemaRegistry()).Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, PaymentsValue));
    }

    [Fact]
    public void GenericAvroDeserializer_AnyRecord_ReturnsTheWriterShapedGenericRecord()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);

        var record = Assert.IsType<GenericRecord>(new GenericAvroDeserializer(registry).Deserialize(bytes, Topic));

        Assert.Equal("com.example.Payment", record.Schema.FullName);
        Assert.Equal(JsonNode.Parse("""{"id":"pay-1","amount":1250,"currency":"USD"}"""), JsonNode.Parse(record.ToString()), JsonNode.DeepEquals);
    }

    [Fact]
    public async Task SerializeAndDeserialize_AgainstTheEmbeddedRegistry_RoundTripThroughTheRestClient()
    {
        await using var fixture = await RegistryFixture.StartAsync();
        using var client = fixture.Client();
        var bytes = await new AvroSerializer<Payment>(client).SerializeAsync(Sample, PaymentsValue);

        Assert.Equal(Sample, await new AvroDeserializer<Payment>(client).DeserializeAsync(bytes, isNull: false, PaymentsValue));
        Assert.Equal(["payments-value"], await client.GetAllSubjectsAsync());
    }

    private static byte[] Frame(int schemaId, byte[] body)
    {
        var bytes = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), schemaId);
        body.CopyTo(bytes, 5);
        return bytes;
    }
}
