using System.Buffers;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Specific;

/// <summary>Encodes and decodes generated record types, resolving older or newer writer schemas when needed.</summary>
public static class AvroRecord
{
    public static byte[] Serialize<T>(T value)
        where T : IAvroRecord<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write<T>(T value, IBufferWriter<byte> output)
        where T : IAvroRecord<T>
    {
        var writer = new AvroWriter(output);
        value.Write(ref writer);
        writer.Flush();
    }

    /// <summary>Reads data written with <typeparamref name="T"/>'s own schema; the datum must fill <paramref name="data"/>.</summary>
    public static T Read<T>(ReadOnlySpan<byte> data, long baseOffset = 0)
        where T : IAvroRecord<T>
    {
        var reader = new AvroReader(data, baseOffset);
        var value = T.Read(ref reader);
        EnsureAtEnd(ref reader);
        return value;
    }

    /// <summary>
    /// Reads data written with <paramref name="writerSchema"/>: directly when it has the same fingerprint as
    /// <typeparamref name="T"/>'s schema, otherwise through schema resolution into a generic record, then
    /// <see cref="IAvroRecord{TSelf}.FromGeneric"/>.
    /// </summary>
    /// <exception cref="AvroDecodeException">The input is truncated or corrupt.</exception>
    /// <exception cref="AvroResolutionException">The writer's data cannot be read as <typeparamref name="T"/>.</exception>
    public static T Read<T>(ReadOnlySpan<byte> data, AvroSchema writerSchema, long baseOffset = 0)
        where T : IAvroRecord<T>
    {
        if (writerSchema.Fingerprint == T.Schema.Fingerprint)
            return Read<T>(data, baseOffset);
        var record = (GenericRecord)GenericDatumReader.For(writerSchema, T.Schema).Read(data, baseOffset)!;
        return T.FromGeneric(record);
    }

    private static void EnsureAtEnd(ref AvroReader reader)
    {
        if (!reader.IsAtEnd)
            throw new AvroDecodeException($"{reader.Remaining} unexpected byte(s) after the datum", reader.Offset);
    }
}
