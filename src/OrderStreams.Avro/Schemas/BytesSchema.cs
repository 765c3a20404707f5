using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class BytesSchema : PrimitiveSchema
{
    public BytesSchema(LogicalType? logicalType = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(logicalType, properties)
    {
    }

    public override AvroType Type => AvroType.Bytes;
}
