using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;

namespace OrderStreams.Avro.Resolution;

/// <summary>Maps writer symbol indexes to reader values; a null entry is a writer symbol the reader cannot take.</summary>
internal sealed class EnumNode(GenericEnum?[] byWriterIndex, string[] writerSymbols, string readerName) : ReadNode
{
    public override object? Read(ref AvroReader reader)
    {
        var index = reader.ReadEnum(byWriterIndex.Length);
        return byWriterIndex[index]
            ?? throw new AvroResolutionException($"enum '{readerName}' has no symbol '{writerSymbols[index]}' and no default");
    }

    public override void Skip(ref AvroReader reader) => reader.ReadEnum(byWriterIndex.Length);
}
