using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// Emits the conversions between a generated record and a <c>GenericRecord</c> of the same schema (the slow path:
/// data decoded through schema resolution, tools). Schemas of nested values are navigated at run time from the
/// field's schema, so enums and fixed values get the exact schema instance of the record.
/// </summary>
internal sealed class GenericCodeEmitter(ContractModel model, CSharpTypes types, string support)
{
    private const string Generic = "global::OrderStreams.Avro.Generic";
    private const string Schemas = "global::OrderStreams.Avro.Schemas";
    private const string Logical = "global::OrderStreams.Avro.LogicalValues";
    private readonly HashSet<string> _helperNames = [];

    public List<Action<CodeWriter>> Helpers { get; } = [];

    /// <summary>An expression converting the generic value <paramref name="value"/> (object?) to the C# type.</summary>
    public string FromGeneric(AvroSchema schema, string value, string schemaExpr, string name) => schema switch
    {
        { LogicalType: { } logical } => schema switch
        {
            _ when CSharpTypes.NamedConversion(logical.Kind) is { } conversion => $"{Logical}.To{conversion.Name}(({conversion.Underlying}){value}!)",
            FixedSchema when logical.Kind == LogicalTypeKind.Decimal => $"{Logical}.ToDecimal((({Generic}.GenericFixed){value}!).Value, {logical.Scale})",
            FixedSchema => $"(({Generic}.GenericFixed){value}!).Value",
            _ => $"{Logical}.ToDecimal((byte[]){value}!, {logical.Scale})",
        },
        RecordSchema record => $"{model.Naming.TypeName(record)}.FromGeneric(({Generic}.GenericRecord){value}!)",
        EnumSchema enumSchema => $"({model.Naming.TypeName(enumSchema)}){support}.EnumIndex({value}, ({Schemas}.EnumSchema){schemaExpr})",
        FixedSchema => $"(({Generic}.GenericFixed){value}!).Value",
        ArraySchema or MapSchema or UnionSchema => $"{Helper(schema, name, fromGeneric: true)}({value}, {schemaExpr})",
        _ => $"({types.Of(schema)}){value}!",
    };

    /// <summary>An expression converting the C# value <paramref name="value"/> to its generic representation.</summary>
    public string ToGeneric(AvroSchema schema, string value, string schemaExpr, string name) => schema switch
    {
        { LogicalType: { } logical } => schema switch
        {
            _ when CSharpTypes.NamedConversion(logical.Kind) is { } conversion => $"{Logical}.From{conversion.Name}({value})",
            FixedSchema f when logical.Kind == LogicalTypeKind.Decimal => $"new {Generic}.GenericFixed(({Schemas}.FixedSchema){schemaExpr}, {support}.FixedDecimal({value}, {logical.Scale}, {f.Size}))",
            FixedSchema => $"new {Generic}.GenericFixed(({Schemas}.FixedSchema){schemaExpr}, {value})",
            _ => $"{Logical}.FromDecimal({value}, {logical.Scale})",
        },
        RecordSchema => $"{value}.ToGeneric()",
        EnumSchema => $"new {Generic}.GenericEnum(({Schemas}.EnumSchema){schemaExpr}, (int){value})",
        FixedSchema => $"new {Generic}.GenericFixed(({Schemas}.FixedSchema){schemaExpr}, {value})",
        ArraySchema or MapSchema or UnionSchema => $"{Helper(schema, name, fromGeneric: false)}({value}, {schemaExpr})",
        _ => value,
    };

    private string Helper(AvroSchema schema, string name, bool fromGeneric)
    {
        var prefix = fromGeneric ? "FromGeneric" : "ToGeneric";
        var method = prefix + name;
        for (var n = 2; !_helperNames.Add(method); n++)
            method = $"{prefix}{name}{n}";
        var type = types.Of(schema);
        Helpers.Add(w =>
        {
            w.Open(fromGeneric
                ? $"private static {type} {method}(object? value, {Schemas}.AvroSchema schema)"
                : $"private static object? {method}({type} value, {Schemas}.AvroSchema schema)");
            switch (schema)
            {
                case ArraySchema array when fromGeneric:
                    w.Line("var items = ((" + Schemas + ".ArraySchema)schema).Items;");
                    w.Line("var source = (global::System.Collections.Generic.IList<object?>)value!;");
                    w.Line($"var list = new global::System.Collections.Generic.List<{types.Of(array.Items)}>(source.Count);");
                    w.Open("foreach (var item in source)").Line($"list.Add({FromGeneric(array.Items, "item", "items", name + "Item")});").Close();
                    w.Line("return list;");
                    break;
                case ArraySchema array:
                    w.Line("var items = ((" + Schemas + ".ArraySchema)schema).Items;");
                    w.Line("var list = new global::System.Collections.Generic.List<object?>(value.Count);");
                    w.Open("foreach (var item in value)").Line($"list.Add({ToGeneric(array.Items, "item", "items", name + "Item")});").Close();
                    w.Line("return list;");
                    break;
                case MapSchema map when fromGeneric:
                    w.Line("var values = ((" + Schemas + ".MapSchema)schema).Values;");
                    w.Line($"var map = new global::System.Collections.Generic.Dictionary<string, {types.Of(map.Values)}>();");
                    w.Open("foreach (var entry in (global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, object?>>)value!)")
                        .Line($"map[entry.Key] = {FromGeneric(map.Values, "entry.Value", "values", name + "Value")};").Close();
                    w.Line("return map;");
                    break;
                case MapSchema map:
                    w.Line("var values = ((" + Schemas + ".MapSchema)schema).Values;");
                    w.Line("var map = new global::System.Collections.Generic.Dictionary<string, object?>(value.Count);");
                    w.Open("foreach (var entry in value)").Line($"map[entry.Key] = {ToGeneric(map.Values, "entry.Value", "values", name + "Value")};").Close();
                    w.Line("return map;");
                    break;
                case UnionSchema union when ContractModel.IsRecordUnion(union):
                    w.Open("return value switch");
                    if (union.NullIndex >= 0)
                        w.Line("null => null,");
                    foreach (var record in union.Branches.OfType<RecordSchema>())
                    {
                        var typeName = model.Naming.TypeName(record);
                        w.Line(fromGeneric
                            ? $"{Generic}.GenericRecord {{ Schema.FullName: \"{record.FullName}\" }} branch => {typeName}.FromGeneric(branch),"
                            : $"{typeName} branch => branch.ToGeneric(),");
                    }

                    w.Line($"_ => throw {support}.UnknownBranch(value, \"{model.InterfaceOf(union)[8..]}\"),");
                    w.Close("};");
                    break;
                case UnionSchema union:
                    var branch = $"(({Schemas}.UnionSchema)schema).Branches[{CSharpTypes.ValueIndex(union)}]";
                    w.Line(fromGeneric
                        ? $"return value is null ? null : {FromGeneric(CSharpTypes.NonNull(union), "value", branch, name + "Value")};"
                        : $"return value is {{ }} present ? {ToGeneric(CSharpTypes.NonNull(union), "present", branch, name + "Value")} : null;");
                    break;
            }

            w.Close();
        });
        return method;
    }
}
