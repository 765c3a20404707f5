using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Specific;

/// <summary>
/// A record type generated from an Avro schema, with a non-reflective binary codec. Static members let serdes and
/// stores be generic over the type (<c>where T : IAvroRecord&lt;T&gt;</c>) without reflection.
/// </summary>
public interface IAvroRecord<TSelf>
    where TSelf : IAvroRecord<TSelf>
{
    /// <summary>The schema the type was generated from: the reader schema when decoding other versions.</summary>
    static abstract RecordSchema Schema { get; }

    /// <summary>Decodes a value written with exactly <see cref="Schema"/> (same fingerprint).</summary>
    static abstract TSelf Read(ref AvroReader reader);

    /// <summary>Converts a generic record of <see cref="Schema"/>, e.g. one resolved from another writer schema.</summary>
    static abstract TSelf FromGeneric(GenericRecord record);

    void Write(ref AvroWriter writer);

    GenericRecord ToGeneric();
}
