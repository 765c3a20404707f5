using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Resolution;

internal sealed class FixedNode(FixedSchema reader) : ReadNode
{
    public override object? Read(ref AvroReader r) => new GenericFixed(reader, r.ReadFixed(reader.Size));

    public override void Skip(ref AvroReader r) => r.Skip(reader.Size);
}
