using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Specific;

/// <summary>
/// Decodes <typeparamref name="T"/> from data written with a given writer schema: straight through the generated
/// reader when the writer's fingerprint equals <typeparamref name="T"/>'s, otherwise through schema resolution to
/// a <see cref="GenericRecord"/> of <typeparamref name="T"/>'s schema and <c>FromGeneric</c>. Build one per writer
/// schema and keep it; it is thread-safe.
/// </summary>
public sealed class AvroRecordDecoder<T>
    where T : IAvroRecord<T>
{
    private readonly GenericDatumReader? _resolver;

    private AvroRecordDecoder(AvroSchema writerSchema, GenericDatumReader? resolver)
    {
        WriterSchema = writerSchema;
        _resolver = resolver;
    }

    /// <summary>The decoder for data written with <typeparamref name="T"/>'s own schema.</summary>
    public static AvroRecordDecoder<T> Identity { get; } = new(T.Schema, null);

    public AvroSchema WriterSchema { get; }

    /// <summary>True when decoding goes through schema resolution (the writer schema differs).</summary>
    public bool IsResolving => _resolver is not null;

    /// <summary>What <typeparamref name="T"/>'s schema cannot take from the writer's; reading such data throws <see cref="AvroResolutionException"/>.</summary>
    public IReadOnlyList<Incompatibility> Incompatibilities => _resolver?.Incompatibilities ?? [];

    public static AvroRecordDecoder<T> For(AvroSchema writerSchema) =>
        writerSchema.Fingerprint == T.Schema.Fingerprint
            ? Identity
            : new AvroRecordDecoder<T>(writerSchema, GenericDatumReader.For(writerSchema, T.Schema));

    public T Read(ref AvroReader reader) =>
        _resolver is null ? T.Read(ref reader) : T.FromGeneric((GenericRecord)_resolver.Read(ref reader)!);

    /// <summary>Decodes one value from the start of <paramref name="data"/>.</summary>
    public T Decode(ReadOnlySpan<byte> data)
    {
        var reader = new AvroReader(data);
        return Read(ref reader);
    }
}
