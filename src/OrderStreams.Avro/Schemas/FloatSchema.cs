using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class FloatSchema : PrimitiveSchema
{
    public FloatSchema(LogicalType? logicalType = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(logicalType, properties)
    {
    }

    public override AvroType Type => AvroType.Float;
}
