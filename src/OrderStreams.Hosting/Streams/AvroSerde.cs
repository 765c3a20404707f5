using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Specific;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// The streams runtime's serde over the registry's Confluent wire-format serializer and deserializer, so topics and
/// changelogs carry schema ids (subject <c>&lt;topic&gt;-value</c> or <c>-key</c>, registered on first use).
/// </summary>
public sealed class AvroSerde<T> : ISerde<T>
    where T : class, IAvroRecord<T>
{
    private readonly AvroSerializer<T> serializer;
    private readonly AvroDeserializer<T> deserializer;

    public AvroSerde(ISchemaRegistryClient registry, AvroSerdeConfig? config = null)
    {
        serializer = new AvroSerializer<T>(registry, config);
        deserializer = new AvroDeserializer<T>(registry);
    }

    public byte[] Serialize(T value, SerdeContext context) =>
        serializer.Serialize(value, new SerializationContext(context.IsKey ? MessageComponentType.Key : MessageComponentType.Value, context.Topic));

    public T Deserialize(ReadOnlySpan<byte> data, SerdeContext context) => deserializer.Deserialize(data, context.Topic);
}
