using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>The C# type of each Avro schema: logical types as .NET types, unions of null and T as T?.</summary>
internal sealed class CSharpTypes(ContractModel model)
{
    public string Of(AvroSchema schema) => schema switch
    {
        { LogicalType: { } logical } => OfLogical(logical, schema),
        RecordSchema or EnumSchema => model.Naming.TypeName((NamedSchema)schema),
        FixedSchema => "byte[]",
        ArraySchema array => $"global::System.Collections.Generic.IReadOnlyList<{Of(array.Items)}>",
        MapSchema map => $"global::System.Collections.Generic.IReadOnlyDictionary<string, {Of(map.Values)}>",
        UnionSchema union when ContractModel.IsRecordUnion(union) => model.InterfaceOf(union) + (union.NullIndex >= 0 ? "?" : ""),
        UnionSchema { IsNullable: true } union => Of(NonNull(union)) + "?",
        UnionSchema union => throw Unsupported(union),
        _ => schema.Type switch
        {
            AvroType.Null => throw new NotSupportedException("A field of type null has no C# representation."),
            AvroType.Boolean => "bool",
            AvroType.Int => "int",
            AvroType.Long => "long",
            AvroType.Float => "float",
            AvroType.Double => "double",
            AvroType.Bytes => "byte[]",
            AvroType.String => "string",
            _ => throw new NotSupportedException($"Unexpected schema {schema.DisplayName}."),
        },
    };

    /// <summary>The branch of a nullable union that is not null.</summary>
    public static AvroSchema NonNull(UnionSchema union) => union.Branches[1 - union.NullIndex];

    /// <summary>Index of the value branch of a nullable union.</summary>
    public static int ValueIndex(UnionSchema union) => 1 - union.NullIndex;

    /// <summary>Whether equality of the C# value is by reference and must be made structural (lists, maps, bytes).</summary>
    public static bool NeedsStructuralEquality(AvroSchema schema) => schema switch
    {
        { LogicalType: { Kind: LogicalTypeKind.Decimal } } => false,
        ArraySchema or MapSchema or FixedSchema => true,
        UnionSchema union => union.Branches.Any(NeedsStructuralEquality),
        _ => schema.Type == AvroType.Bytes,
    };

    /// <summary>
    /// The logical types the Avro library converts by name, <c>X</c> in <c>AvroWriter.WriteX</c>, <c>AvroReader.ReadX</c>,
    /// <c>LogicalValues.FromX</c> and <c>LogicalValues.ToX</c>, with the C# type of the underlying generic value.
    /// </summary>
    public static (string Name, string Underlying)? NamedConversion(LogicalTypeKind kind) => kind switch
    {
        LogicalTypeKind.Uuid => ("Uuid", "string"),
        LogicalTypeKind.Date => ("Date", "int"),
        LogicalTypeKind.TimeMillis => ("TimeMillis", "int"),
        LogicalTypeKind.TimeMicros => ("TimeMicros", "long"),
        LogicalTypeKind.TimestampMillis => ("TimestampMillis", "long"),
        LogicalTypeKind.TimestampMicros => ("TimestampMicros", "long"),
        LogicalTypeKind.LocalTimestampMillis => ("LocalTimestampMillis", "long"),
        LogicalTypeKind.LocalTimestampMicros => ("LocalTimestampMicros", "long"),
        _ => null,
    };

    public static NotSupportedException Unsupported(UnionSchema union) => new(
        $"Union [{string.Join(", ", union.Branches.Select(b => b.DisplayName))}] is not supported: " +
        "use [\"null\", T] or a union of records (optionally with null).");

    private string OfLogical(LogicalType logical, AvroSchema schema) => logical.Kind switch
    {
        LogicalTypeKind.Uuid => "global::System.Guid",
        LogicalTypeKind.Decimal => "decimal",
        LogicalTypeKind.Date => "global::System.DateOnly",
        LogicalTypeKind.TimeMillis or LogicalTypeKind.TimeMicros => "global::System.TimeOnly",
        LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros => "global::System.DateTimeOffset",
        LogicalTypeKind.LocalTimestampMillis or LogicalTypeKind.LocalTimestampMicros => "global::System.DateTime",
        _ => schema is FixedSchema ? "byte[]" : throw new NotSupportedException($"Logical type {logical} on {schema.DisplayName}."),
    };
}
