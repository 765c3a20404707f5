using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class LongSchema : PrimitiveSchema
{
    public LongSchema(LogicalType? logicalType = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(logicalType, properties)
    {
    }

    public override AvroType Type => AvroType.Long;
}
