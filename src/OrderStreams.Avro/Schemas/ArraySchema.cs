using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class ArraySchema(AvroSchema items, IReadOnlyDictionary<string, JsonElement>? properties = null) : AvroSchema(properties)
{
    public override AvroType Type => AvroType.Array;

    public AvroSchema Items { get; } = items;
}
