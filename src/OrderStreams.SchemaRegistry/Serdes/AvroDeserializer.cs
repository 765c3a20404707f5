using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro;
using OrderStreams.Avro.Specific;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>
/// Deserializes generated records from the Confluent wire format, always with the writer's schema (fetched once
/// per schema id) resolved to <typeparamref name="T"/>'s; when the fingerprints match, the generated reader runs
/// directly. Usable as a Confluent.Kafka <see cref="IDeserializer{T}"/> (blocks only on a schema id's first record)
/// or <see cref="IAsyncDeserializer{T}"/>. A null record (tombstone) deserializes to null.
/// </summary>
public sealed class AvroDeserializer<T> : IDeserializer<T>, IAsyncDeserializer<T>
    where T : class, IAvroRecord<T>
{
    private readonly WriterSchemaCache<DecodePlan<T>> _decoders;

    public AvroDeserializer(ISchemaRegistryClient registry)
    {
        _decoders = new WriterSchemaCache<DecodePlan<T>>(registry, DecodePlan<T>.For);
    }

    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? null! : Deserialize(data, context.Topic);

    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
            return null!;
        var id = WireFormat.ReadSchemaId(data.Span, context.Topic);
        var decoder = _decoders.TryGet(id) ?? await _decoders.GetAsync(id, context.Topic).ConfigureAwait(false);
        return Decode(decoder, data.Span, context.Topic, id);
    }

    /// <exception cref="AvroSerdeException">Wrong magic byte, truncated, unknown schema id or undecodable body.</exception>
    public T Deserialize(ReadOnlySpan<byte> data, string topic)
    {
        var id = WireFormat.ReadSchemaId(data, topic);
        return Decode(_decoders.Get(id, topic), data, topic, id);
    }

    private static T Decode(DecodePlan<T> decoder, ReadOnlySpan<byte> data, string topic, int schemaId)
    {
        try
        {
            return decoder.Decode(data[WireFormat.HeaderSize..]);
        }
        catch (AvroException e)
        {
            throw WireFormat.DecodeFailed(e, topic, schemaId);
        }
    }
}
