using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>
/// How to decode <typeparamref name="T"/> from one writer schema, built once per schema id: the generated reader
/// when the writer's fingerprint equals <typeparamref name="T"/>'s, otherwise schema resolution to a generic record
/// of <typeparamref name="T"/>'s schema, then <c>FromGeneric</c>.
/// </summary>
internal sealed class DecodePlan<T>
    where T : IAvroRecord<T>
{
    private readonly GenericDatumReader? _resolver;

    private DecodePlan(GenericDatumReader? resolver) => _resolver = resolver;

    public static DecodePlan<T> For(AvroSchema writerSchema) =>
        new(writerSchema.Fingerprint == T.Schema.Fingerprint ? null : GenericDatumReader.For(writerSchema, T.Schema));

    public T Decode(ReadOnlySpan<byte> body)
    {
        var reader = new AvroReader(body, WireFormat.HeaderSize);
        return _resolver is null ? T.Read(ref reader) : T.FromGeneric((GenericRecord)_resolver.Read(ref reader)!);
    }
}
