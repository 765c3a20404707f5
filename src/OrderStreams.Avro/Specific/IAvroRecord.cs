using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Specific;

/// <summary>
/// The contract of a generated record type. <see cref="Read"/> decodes data written with exactly <see cref="Schema"/>
/// (the fast path); <see cref="FromGeneric"/> maps a <see cref="GenericRecord"/> of <see cref="Schema"/>, which is how
/// <see cref="AvroRecord"/> reads data written with any other compatible schema.
/// </summary>
public interface IAvroRecord<TSelf>
    where TSelf : IAvroRecord<TSelf>
{
    static abstract RecordSchema Schema { get; }

    static abstract TSelf Read(ref AvroReader reader);

    static abstract TSelf FromGeneric(GenericRecord record);

    void Write(ref AvroWriter writer);
}
