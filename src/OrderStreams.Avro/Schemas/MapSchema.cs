using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>A map; keys are always strings.</summary>
public sealed class MapSchema(AvroSchema values, IReadOnlyDictionary<string, JsonElement>? properties = null) : AvroSchema(properties)
{
    public override AvroType Type => AvroType.Map;

    public AvroSchema Values { get; } = values;
}
