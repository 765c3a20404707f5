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

    /// <summary>Decodes with the generated reader; every byte must be consumed.</summary>
    object Decode(byte[] data);

    object Resolve(AvroSchema writerSchema, byte[] data);
}

internal sealed class ContractCase<T> : IContractCase
    where T : class, IAvroRecord<T>
{
    public RecordSchema Schema => T.Schema;

    public object FromGeneric(GenericRecord record) => T.FromGeneric(record);

    // ToGeneric is generated on every record but is not part of IAvroRecord<T>.
    public GenericRecord ToGeneric(object value) => (GenericRecord)typeof(T).GetMethod("ToGeneric", Type.EmptyTypes)!.Invoke(value, null)!;

    public byte[] Encode(object value) => AvroRecord.Serialize((T)value);

    public object Decode(byte[] data) => AvroRecord.Read<T>(data);

    public object Resolve(AvroSchema writerSchema, byte[] data) => AvroRecord.Read<T>(data, writerSchema);

    public override string ToString() => typeof(T).Name;
}
