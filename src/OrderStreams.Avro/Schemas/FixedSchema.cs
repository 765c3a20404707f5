using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class FixedSchema : NamedSchema
{
    private readonly LogicalType? _logicalType;

    public FixedSchema(
        string name,
        string? ns,
        int size,
        LogicalType? logicalType = null,
        string? doc = null,
        IEnumerable<string>? aliases = null,
        IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(name, ns, doc, aliases, properties)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (logicalType is not null && !logicalType.CanAnnotate(AvroType.Fixed))
            throw new ArgumentException($"Logical type '{logicalType.Name}' cannot annotate a fixed.", nameof(logicalType));
        Size = size;
        _logicalType = logicalType;
    }

    public override AvroType Type => AvroType.Fixed;

    public int Size { get; }

    public override LogicalType? LogicalType => _logicalType;
}
