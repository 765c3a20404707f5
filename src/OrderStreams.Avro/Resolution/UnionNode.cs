using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Resolution;

/// <summary>A writer union: reads the branch index, then the branch through its own plan.</summary>
internal sealed class UnionNode(ReadNode[] branches) : ReadNode
{
    public override object? Read(ref AvroReader reader) => branches[reader.ReadUnionIndex(branches.Length)].Read(ref reader);

    public override void Skip(ref AvroReader reader) => branches[reader.ReadUnionIndex(branches.Length)].Skip(ref reader);
}
