using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;

namespace OrderStreams.Contracts.Tests.Support;

/// <summary>One generated record type seen through a non-generic surface, so theories can run over all of them.</summary>
public interface IContractCase
{
    RecordSchema Schema { get; }

    object FromGeneric(GenericRecord record);

    GenericRecord ToGeneric(object value);

    byte[] Encode(object value);

    /// <summary>Decodes with the generated reader and checks every byte was consumed.</summary>
    object Decode(byte[] data);

    object Resolve(AvroSchema writerSchema, byte[] data);
}

internal sealed class ContractCase<T> : IContractCase
    where T : class, IAvroRecord<T>
{
    public RecordSchema Schema => T.Schema;

    public object FromGeneric(GenericRecord record) => T.FromGeneric(record);

    public GenericRecord ToGeneric(object value) => ((T)value).ToGeneric();

    public byte[] Encode(object value) => AvroRecord.Serialize((T)value);

    public object Decode(byte[] data)
    {
        var reader = new AvroReader(data);
        var value = T.Read(ref reader);
        Assert.True(reader.IsAtEnd, $"{typeof(T).Name}: {reader.Remaining} byte(s) left after decoding");
        return value;
    }

    public object Resolve(AvroSchema writerSchema, byte[] data) => AvroRecordDecoder<T>.For(writerSchema).Decode(data);

    public override string ToString() => typeof(T).Name;
}
