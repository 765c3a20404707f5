using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>A primitive schema, possibly annotated with a logical type.</summary>
public abstract class PrimitiveSchema : AvroSchema
{
    private readonly LogicalType? _logicalType;

    private protected PrimitiveSchema(LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(properties)
    {
        if (logicalType is not null && !logicalType.CanAnnotate(Type))
            throw new ArgumentException($"Logical type '{logicalType.Name}' cannot annotate '{DisplayName}'.", nameof(logicalType));
        _logicalType = logicalType;
    }

    public override LogicalType? LogicalType => _logicalType;
}
