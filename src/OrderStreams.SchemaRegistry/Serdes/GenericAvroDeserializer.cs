using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro;
using OrderStreams.Avro.Generic;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>
/// Deserializes any record in the Confluent wire format to its generic form with the writer's own schema
/// (a <see cref="GenericRecord"/> for record schemas), for tools that handle every topic.
/// </summary>
public sealed class GenericAvroDeserializer : IDeserializer<object?>
{
    private readonly WriterSchemaCache<GenericDatumReader> _readers;

    public GenericAvroDeserializer(ISchemaRegistryClient registry)
    {
        _readers = new WriterSchemaCache<GenericDatumReader>(registry, schema => GenericDatumReader.For(schema));
    }

    public object? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? null : Deserialize(data, context.Topic);

    /// <exception cref="AvroSerdeException">Wrong magic byte, truncated, unknown schema id or undecodable body.</exception>
    public object? Deserialize(ReadOnlySpan<byte> data, string topic)
    {
        var id = WireFormat.ReadSchemaId(data, topic);
        var reader = _readers.Get(id, topic);
        try
        {
            return reader.Read(data[WireFormat.HeaderSize..]);
        }
        catch (AvroException e)
        {
            throw WireFormat.DecodeFailed(e, topic, id);
        }
    }

    /// <summary>Like <see cref="Deserialize(ReadOnlySpan{byte}, string)"/>, fetching an unseen writer schema without blocking.</summary>
    public async Task<object?> DeserializeAsync(ReadOnlyMemory<byte> data, string topic)
    {
        var id = WireFormat.ReadSchemaId(data.Span, topic);
        var reader = _readers.TryGet(id) ?? await _readers.GetAsync(id, topic).ConfigureAwait(false);
        try
        {
            return reader.Read(data.Span[WireFormat.HeaderSize..]);
        }
        catch (AvroException e)
        {
            throw WireFormat.DecodeFailed(e, topic, id);
        }
    }
}
