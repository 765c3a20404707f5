using System.Buffers.Binary;
using Confluent.Kafka;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

public class AvroSerializerTests
{
    private static readonly Payment Sample = new() { Id = "pay-1", Amount = 1250, Currency = "EUR" };
    private static readonly SerializationContext PaymentsValue = new(MessageComponentType.Value, "payments");

    [Fact]
    public void Serialize_FirstRecord_RegistersUnderTopicValueSubjectAndFramesWithTheId()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry).Serialize(Sample, PaymentsValue);

        var id = Assert.Single(registry.Subjects["payments-value"]);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.Equal(Sample, Payment.FromGeneric((OrderStreams.Avro.Generic.GenericRecord)new OrderStreams.Avro.Generic.GenericDatumReader(Payment.Schema).Read(bytes.AsSpan(5))!));
    }

    [Fact]
    public async Task Serialize_ManyRecordsSyncAndAsync_RegistersOncePerSubject()
    {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<Payment>(registry);
        for (var i = 0; i < 50; i++)
        {
            serializer.Serialize(Sample with { Amount = i }, PaymentsValue);
            await serializer.SerializeAsync(Sample, PaymentsValue);
        }

        Assert.Equal(1, registry.RegisterCalls);
    }

    [Fact]
    public void Serialize_KeyComponent_RegistersUnderTopicKeySubject()
    {
        var registry = new InMemorySchemaRegistry();
        new AvroSerializer<Payment>(registry).Serialize(Sample, new SerializationContext(MessageComponentType.Key, "payments"));

        Assert.Equal(["payments-key"], registry.Subjects.Keys);
    }

    [Fact]
    public void Serialize_RecordNameStrategy_RegistersUnderTheRecordFullName()
    {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<Payment>(registry, new AvroSerdeConfig { SubjectNameStrategy = RecordNameStrategy.Instance });
        serializer.Serialize(Sample, PaymentsValue);
        serializer.Serialize(Sample, new SerializationContext(MessageComponentType.Value, "payments.archive"));

        Assert.Equal(["com.example.Payment"], registry.Subjects.Keys);
    }

    [Fact]
    public void Serialize_AutoRegisterOffWithSchemaId_WritesTheIdWithoutRegistering()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = new AvroSerializer<Payment>(registry, new AvroSerdeConfig { AutoRegisterSchemas = false, UseSchemaId = 42 }).Serialize(Sample, PaymentsValue);

        Assert.Equal(42, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.Equal(0, registry.RegisterCalls);
    }

    [Fact]
    public void Constructor_AutoRegisterOffWithoutSchemaId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AvroSerializer<Payment>(new InMemorySchemaRegistry(), new AvroSerdeConfig { AutoRegisterSchemas = false }));
    }

    [Fact]
    public void Serialize_RegistrationFails_ThrowsWithTopicAndRetriesOnTheNextRecord()
    {
        var registry = new InMemorySchemaRegistry { FailNext = new HttpRequestException("connection refused") };
        var serializer = new AvroSerializer<Payment>(registry);

        var error = Assert.Throws<AvroSerdeException>(() => serializer.Serialize(Sample, PaymentsValue));
        Assert.Equal(AvroSerdeErrorKind.RegistrationFailed, error.Kind);
        Assert.Equal("payments", error.Topic);
        Assert.Contains("payments-value", error.Message);

        Assert.Equal(5 + 1 + 5 + 2 + 4, serializer.Serialize(Sample, PaymentsValue).Length);
        Assert.Equal(2, registry.RegisterCalls);
    }

    [Fact]
    public void Serialize_Null_ReturnsNullForATombstone()
    {
        Assert.Null(new AvroSerializer<Payment>(new InMemorySchemaRegistry()).Serialize(null!, PaymentsValue));
    }
}
