using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// Emits the conversions behind Apache.Avro's <c>ISpecificRecord.Get</c> and <c>Put</c>: between a property's C# value
/// and the object Apache.Avro's specific reader and writer use for the schema (DateTime for timestamps, List for
/// arrays, an enum named by the Avro symbols, <c>SpecificFixed</c>, <c>AvroDecimal</c>).
/// </summary>
internal sealed class SpecificCodeEmitter(ContractModel model, CSharpTypes types, ApacheTypes apache, string support)
{
    private const string Collections = "global::System.Collections.Generic";
    private int _locals;

    /// <summary>An expression turning the C# value into Apache.Avro's representation (object?).</summary>
    public string ToSpecific(AvroSchema schema, string value) => schema switch
    {
        { LogicalType: { } logical } => logical.Kind switch
        {
            LogicalTypeKind.Uuid => value,
            LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros => $"{value}.UtcDateTime",
            LogicalTypeKind.LocalTimestampMillis or LogicalTypeKind.LocalTimestampMicros =>
                $"global::System.DateTime.SpecifyKind({value}, global::System.DateTimeKind.Utc)",
            LogicalTypeKind.Date => $"{value}.ToDateTime(global::System.TimeOnly.MinValue, global::System.DateTimeKind.Utc)",
            LogicalTypeKind.TimeMillis or LogicalTypeKind.TimeMicros => $"{value}.ToTimeSpan()",
            LogicalTypeKind.Decimal => $"{support}.ToAvroDecimal({value}, {logical.Scale})",
            _ => FixedToSpecific((FixedSchema)schema, value),
        },
        EnumSchema enumSchema => $"({apache.EnumName(enumSchema)})(int){value}",
        FixedSchema fixedSchema => FixedToSpecific(fixedSchema, value),
        ArraySchema array => ListToSpecific(array, value),
        MapSchema map => MapToSpecific(map, value),
        UnionSchema union when ContractModel.IsRecordUnion(union) => value,
        UnionSchema union => NullableToSpecific(union, value),
        _ => value,
    };

    /// <summary>An expression turning Apache.Avro's value <paramref name="value"/> (object?) into the C# type.</summary>
    public string FromSpecific(AvroSchema schema, string value) => schema switch
    {
        { LogicalType: { } logical } => logical.Kind switch
        {
            LogicalTypeKind.Uuid => $"(global::System.Guid){value}!",
            LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros =>
                $"new global::System.DateTimeOffset((global::System.DateTime){value}!)",
            LogicalTypeKind.LocalTimestampMillis or LogicalTypeKind.LocalTimestampMicros =>
                $"global::System.DateTime.SpecifyKind(((global::System.DateTime){value}!).ToUniversalTime(), " +
                "global::System.DateTimeKind.Unspecified)",
            LogicalTypeKind.Date => $"global::System.DateOnly.FromDateTime((global::System.DateTime){value}!)",
            LogicalTypeKind.TimeMillis or LogicalTypeKind.TimeMicros =>
                $"global::System.TimeOnly.FromTimeSpan((global::System.TimeSpan){value}!)",
            LogicalTypeKind.Decimal => $"{support}.FromAvroDecimal({value})",
            _ => $"((global::Avro.Generic.GenericFixed){value}!).Value",
        },
        EnumSchema enumSchema => $"({model.Naming.TypeName(enumSchema)})global::System.Convert.ToInt32({value})",
        FixedSchema => $"((global::Avro.Generic.GenericFixed){value}!).Value",
        ArraySchema array => ListFromSpecific(array, value),
        MapSchema map => MapFromSpecific(map, value),
        UnionSchema union when ContractModel.IsRecordUnion(union) => $"({types.Of(union)}){value}{(union.NullIndex >= 0 ? "" : "!")}",
        UnionSchema union => NullableFromSpecific(union, value),
        _ => $"({types.Of(schema)}){value}!",
    };

    /// <summary>
    /// Whether Apache.Avro's reader builds items of this schema as the C# type itself, so collections of it need no
    /// element conversion.
    /// </summary>
    private static bool IsSameType(AvroSchema schema) => schema switch
    {
        { LogicalType: { Kind: LogicalTypeKind.Uuid } } => true,
        { LogicalType: not null } or EnumSchema or FixedSchema or ArraySchema or MapSchema => false,
        UnionSchema union => !ContractModel.IsRecordUnion(union) && IsSameType(CSharpTypes.NonNull(union)),
        _ => true,
    };

    private static bool IsValueType(AvroSchema schema) => schema switch
    {
        FixedSchema => false,
        { LogicalType: not null } or EnumSchema => true,
        _ => schema.Type is AvroType.Boolean or AvroType.Int or AvroType.Long or AvroType.Float or AvroType.Double,
    };

    /// <summary>The C# type Apache.Avro's specific reader builds for a schema (array and map items).</summary>
    private string ApacheType(AvroSchema schema) => schema switch
    {
        { LogicalType: { } logical } => logical.Kind switch
        {
            LogicalTypeKind.Uuid => "global::System.Guid",
            LogicalTypeKind.TimeMillis or LogicalTypeKind.TimeMicros => "global::System.TimeSpan",
            LogicalTypeKind.Decimal => "global::Avro.AvroDecimal",
            LogicalTypeKind.Date or LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros
                or LogicalTypeKind.LocalTimestampMillis or LogicalTypeKind.LocalTimestampMicros => "global::System.DateTime",
            _ => apache.FixedName((FixedSchema)schema),
        },
        EnumSchema enumSchema => apache.EnumName(enumSchema),
        FixedSchema fixedSchema => apache.FixedName(fixedSchema),
        ArraySchema array => $"{Collections}.List<{ApacheType(array.Items)}>",
        MapSchema map => $"{Collections}.Dictionary<string, {ApacheType(map.Values)}>",
        UnionSchema union when ContractModel.IsRecordUnion(union) => "object",
        UnionSchema union => ApacheType(CSharpTypes.NonNull(union)) + "?",
        _ => types.Of(schema),
    };

    private string FixedToSpecific(FixedSchema schema, string value)
    {
        var bytes = Local();
        return $"({value} is {{ }} {bytes} ? new {apache.FixedName(schema)} {{ Value = {bytes} }} : null)";
    }

    // A new List, never the property's own (which may be an array): the reader clears and refills what Get returns.
    // Null while a record is being read: required properties are unset until Put.
    private string ListToSpecific(ArraySchema array, string value)
    {
        var (list, item) = (Local(), Local());
        var itemType = ApacheType(array.Items);
        var items = IsSameType(array.Items)
            ? list
            : $"global::System.Linq.Enumerable.Select({list}, {item} => ({itemType}){Boxed(array.Items, item)}!)";
        return $"({value} is {{ }} {list} ? new {Collections}.List<{itemType}>({items}) : null)";
    }

    private string ListFromSpecific(ArraySchema array, string value)
    {
        var itemType = types.Of(array.Items);
        if (IsSameType(array.Items))
            return $"({Collections}.IReadOnlyList<{itemType}>){value}!";
        var item = Local();
        return $"global::System.Linq.Enumerable.ToList(global::System.Linq.Enumerable.Select(" +
               $"global::System.Linq.Enumerable.Cast<object?>((global::System.Collections.IEnumerable){value}!), " +
               $"{item} => {FromSpecific(array.Items, item)}))";
    }

    private string MapToSpecific(MapSchema map, string value)
    {
        var (source, entry) = (Local(), Local());
        return $"({value} is {{ }} {source} ? global::System.Linq.Enumerable.ToDictionary({source}, {entry} => {entry}.Key, " +
               $"{entry} => ({ApacheType(map.Values)}){Boxed(map.Values, $"{entry}.Value")}!) : null)";
    }

    private string MapFromSpecific(MapSchema map, string value)
    {
        var valueType = types.Of(map.Values);
        if (IsSameType(map.Values))
            return $"({Collections}.IReadOnlyDictionary<string, {valueType}>){value}!";
        var entry = Local();
        return $"global::System.Linq.Enumerable.ToDictionary({support}.MapEntries({value}), {entry} => {entry}.Key, " +
               $"{entry} => {FromSpecific(map.Values, $"{entry}.Value")})";
    }

    private string NullableToSpecific(UnionSchema union, string value)
    {
        if (IsSameType(union) && !IsValueType(CSharpTypes.NonNull(union)))
            return value;
        var present = Local();
        return $"({value} is {{ }} {present} ? {Boxed(CSharpTypes.NonNull(union), present)} : null)";
    }

    private string NullableFromSpecific(UnionSchema union, string value)
    {
        var type = types.Of(union);
        if (IsSameType(union) && !IsValueType(CSharpTypes.NonNull(union)))
            return $"({type}){value}";
        var present = Local();
        return $"({value} is {{ }} {present} ? ({type}){FromSpecific(CSharpTypes.NonNull(union), present)} : null)";
    }

    private string Boxed(AvroSchema schema, string value) => $"((object?)({ToSpecific(schema, value)}))";

    private string Local() => $"v{_locals++}";
}
