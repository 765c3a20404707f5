using Avro.Generic;
using Avro.IO;
using Avro.Specific;

namespace OrderStreams.Benchmarks.Avro;

/// <summary>
/// Apache.Avro's specific and generic readers and writers for one record type, built once, with a reused output
/// stream, as Confluent's serdes use them.
/// </summary>
internal sealed class ApacheAvroCodec<T>
    where T : ISpecificRecord
{
    private readonly MemoryStream _output = new(4096);
    private readonly SpecificDatumWriter<T> _specificWriter;
    private readonly SpecificDatumReader<T> _specificReader;
    private readonly GenericDatumWriter<GenericRecord> _genericWriter;
    private readonly GenericDatumReader<GenericRecord> _genericReader;

    public ApacheAvroCodec()
    {
        // Activator, not new(): the generated records have required members.
        var schema = Activator.CreateInstance<T>().Schema;
        _specificWriter = new SpecificDatumWriter<T>(schema);
        _specificReader = new SpecificDatumReader<T>(schema, schema);
        _genericWriter = new GenericDatumWriter<GenericRecord>(schema);
        _genericReader = new GenericDatumReader<GenericRecord>(schema, schema);
    }

    public long EncodeSpecific(T value)
    {
        _output.Position = 0;
        _specificWriter.Write(value, new BinaryEncoder(_output));
        return _output.Position;
    }

    public T DecodeSpecific(byte[] data) => _specificReader.Read(default!, new BinaryDecoder(new MemoryStream(data, writable: false)));

    public long EncodeGeneric(GenericRecord value)
    {
        _output.Position = 0;
        _genericWriter.Write(value, new BinaryEncoder(_output));
        return _output.Position;
    }

    public GenericRecord DecodeGeneric(byte[] data) =>
        _genericReader.Read(null!, new BinaryDecoder(new MemoryStream(data, writable: false)));
}
