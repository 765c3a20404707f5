using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>
/// Reads data written with <see cref="WriterSchema"/> into generic values shaped by <see cref="ReaderSchema"/>,
/// applying the spec's schema resolution. The resolution is compiled once per schema pair; use <see cref="For"/> to
/// share compiled readers. Generated types use this (then map the <see cref="GenericRecord"/>) when the writer
/// schema differs from their own.
/// </summary>
public sealed class GenericDatumReader
{
    private static readonly ConditionalWeakTable<AvroSchema, ConcurrentDictionary<long, GenericDatumReader>> Cache = new();

    private readonly ReadNode _plan;

    public GenericDatumReader(AvroSchema writerSchema, AvroSchema? readerSchema = null)
    {
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema ?? writerSchema;
        (_plan, Incompatibilities) = PlanCompiler.Compile(WriterSchema, ReaderSchema);
    }

    public AvroSchema WriterSchema { get; }

    public AvroSchema ReaderSchema { get; }

    /// <summary>
    /// What the reader cannot take from the writer. Reading still works for data that avoids these (e.g. an enum
    /// symbol the reader lacks that the data never uses) and throws <see cref="AvroResolutionException"/> otherwise.
    /// </summary>
    public IReadOnlyList<Incompatibility> Incompatibilities { get; }

    /// <summary>
    /// A shared reader for the pair, keyed by the reader schema instance and the writer schema's fingerprint (the
    /// writer's aliases, defaults and docs do not affect resolution; the reader's do, hence the instance).
    /// </summary>
    public static GenericDatumReader For(AvroSchema writerSchema, AvroSchema? readerSchema = null)
    {
        var reader = readerSchema ?? writerSchema;
        var byWriter = Cache.GetValue(reader, _ => new ConcurrentDictionary<long, GenericDatumReader>());
        return byWriter.GetOrAdd(writerSchema.Fingerprint, _ => new GenericDatumReader(writerSchema, reader));
    }

    /// <exception cref="AvroDecodeException">The input is truncated or corrupt.</exception>
    /// <exception cref="AvroResolutionException">The data needs something the reader schema cannot provide.</exception>
    public object? Read(ref AvroReader reader) => _plan.Read(ref reader);

    /// <summary>Reads one datum that must fill <paramref name="data"/> exactly.</summary>
    public object? Read(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        var reader = new AvroReader(data, baseOffset);
        var datum = _plan.Read(ref reader);
        if (!reader.IsAtEnd)
            throw new AvroDecodeException($"{reader.Remaining} unexpected byte(s) after the datum", reader.Offset);
        return datum;
    }
}
