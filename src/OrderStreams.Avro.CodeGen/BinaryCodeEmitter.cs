using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// Emits the straight-line binary codec of one record: statements writing a value with <c>AvroWriter</c> and
/// expressions reading it with <c>AvroReader</c>. Arrays, maps and unions become private static helper methods
/// (a read cannot be one expression), collected in <see cref="Helpers"/>.
/// </summary>
internal sealed class BinaryCodeEmitter(ContractModel model, CSharpTypes types, string support)
{
    private readonly HashSet<string> _helperNames = [];
    private int _locals;

    public List<Action<CodeWriter>> Helpers { get; } = [];

    public void Write(CodeWriter w, AvroSchema schema, string value, int depth = 0)
    {
        switch (schema)
        {
            case { LogicalType: { } logical }:
                w.Line(WriteLogical(logical, schema, value));
                break;
            case RecordSchema:
                w.Line($"{value}.Write(ref writer);");
                break;
            case EnumSchema:
                w.Line($"writer.WriteEnum((int){value});");
                break;
            case FixedSchema fixedSchema:
                w.Line($"{support}.WriteFixed(ref writer, {value}, {fixedSchema.Size});");
                break;
            case ArraySchema array:
                w.Line($"writer.WriteArrayStart({value}.Count);");
                w.Open($"foreach (var item{depth} in {value})");
                Write(w, array.Items, $"item{depth}", depth + 1);
                w.Close();
                w.Line("writer.WriteArrayEnd();");
                break;
            case MapSchema map:
                w.Line($"writer.WriteMapStart({value}.Count);");
                w.Open($"foreach (var entry{depth} in {value})");
                w.Line($"writer.WriteString(entry{depth}.Key);");
                Write(w, map.Values, $"entry{depth}.Value", depth + 1);
                w.Close();
                w.Line("writer.WriteMapEnd();");
                break;
            case UnionSchema union when ContractModel.IsRecordUnion(union):
                var branchLocal = $"branch{_locals++}";
                w.Open($"switch ({value})");
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (union.Branches[i] is RecordSchema record)
                        w.Line($"case {model.Naming.TypeName(record)} {branchLocal}:").Line($"    writer.WriteUnionIndex({i});").Line($"    {branchLocal}.Write(ref writer);").Line("    break;");
                    else
                        w.Line("case null:").Line($"    writer.WriteUnionIndex({i});").Line("    break;");
                }

                w.Line("default:").Line($"    throw {support}.UnknownBranch({value}, \"{model.InterfaceOf(union)[8..]}\");");
                w.Close();
                break;
            case UnionSchema { IsNullable: true } union:
                var present = $"present{_locals++}";
                w.Open($"if ({value} is {{ }} {present})");
                w.Line($"writer.WriteUnionIndex({CSharpTypes.ValueIndex(union)});");
                Write(w, CSharpTypes.NonNull(union), present, depth + 1);
                w.Close().Open("else");
                w.Line($"writer.WriteUnionIndex({union.NullIndex});");
                w.Close();
                break;
            case UnionSchema union:
                throw CSharpTypes.Unsupported(union);
            default:
                w.Line(schema.Type switch
                {
                    AvroType.Boolean => $"writer.WriteBoolean({value});",
                    AvroType.Int => $"writer.WriteInt({value});",
                    AvroType.Long => $"writer.WriteLong({value});",
                    AvroType.Float => $"writer.WriteFloat({value});",
                    AvroType.Double => $"writer.WriteDouble({value});",
                    AvroType.Bytes => $"writer.WriteBytes({value});",
                    AvroType.String => $"writer.WriteString({value});",
                    _ => throw new NotSupportedException($"Cannot write {schema.DisplayName}."),
                });
                break;
        }
    }

    /// <summary>An expression reading one value of <paramref name="schema"/>; <paramref name="name"/> names helpers.</summary>
    public string Read(AvroSchema schema, string name) => schema switch
    {
        { LogicalType: { } logical } => ReadLogical(logical, schema),
        RecordSchema record => $"{model.Naming.TypeName(record)}.Read(ref reader)",
        EnumSchema enumSchema => $"({model.Naming.TypeName(enumSchema)})reader.ReadEnum({enumSchema.Symbols.Count})",
        FixedSchema fixedSchema => $"reader.ReadFixed({fixedSchema.Size})",
        UnionSchema { IsNullable: true } union when !ContractModel.IsRecordUnion(union) =>
            $"reader.ReadUnionIndex(2) == {CSharpTypes.ValueIndex(union)} ? ({types.Of(schema)}){Read(CSharpTypes.NonNull(union), name)} : null",
        ArraySchema or MapSchema or UnionSchema => Helper(schema, name),
        _ => schema.Type switch
        {
            AvroType.Boolean => "reader.ReadBoolean()",
            AvroType.Int => "reader.ReadInt()",
            AvroType.Long => "reader.ReadLong()",
            AvroType.Float => "reader.ReadFloat()",
            AvroType.Double => "reader.ReadDouble()",
            AvroType.Bytes => "reader.ReadBytes()",
            AvroType.String => "reader.ReadString()",
            _ => throw new NotSupportedException($"Cannot read {schema.DisplayName}."),
        },
    };

    private string Helper(AvroSchema schema, string name)
    {
        var method = "Read" + name;
        for (var n = 2; !_helperNames.Add(method); n++)
            method = $"Read{name}{n}";
        var type = types.Of(schema);
        Helpers.Add(w =>
        {
            w.Open($"private static {type} {method}(ref global::OrderStreams.Avro.Binary.AvroReader reader)");
            switch (schema)
            {
                case ArraySchema array:
                    var item = types.Of(array.Items);
                    w.Line($"var list = new global::System.Collections.Generic.List<{item}>();");
                    w.Open("for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())");
                    w.Open("for (var i = 0; i < count; i++)").Line($"list.Add({Read(array.Items, name + "Item")});").Close();
                    w.Close().Line("return list;");
                    break;
                case MapSchema map:
                    var value = types.Of(map.Values);
                    w.Line($"var map = new global::System.Collections.Generic.Dictionary<string, {value}>();");
                    w.Open("for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())");
                    w.Open("for (var i = 0; i < count; i++)").Line("var key = reader.ReadString();").Line($"map[key] = {Read(map.Values, name + "Value")};").Close();
                    w.Close().Line("return map;");
                    break;
                case UnionSchema union:
                    var recordUnion = ContractModel.IsRecordUnion(union);
                    w.Open($"return reader.ReadUnionIndex({union.Branches.Count}) switch");
                    for (var i = 0; i < union.Branches.Count; i++)
                    {
                        var branch = union.Branches[i];
                        var read = branch.Type == AvroType.Null ? "null" : Read(branch, name + "Value");
                        w.Line($"{i} => {(recordUnion && branch.Type != AvroType.Null ? $"({model.InterfaceOf(union)})" : "")}{read},");
                    }

                    w.Line("_ => throw new global::System.Diagnostics.UnreachableException(),");
                    w.Close("};");
                    break;
            }

            w.Close();
        });
        return $"{method}(ref reader)";
    }

    private string WriteLogical(LogicalType logical, AvroSchema schema, string value) => schema switch
    {
        _ when CSharpTypes.NamedConversion(logical.Kind) is { } conversion => $"writer.Write{conversion.Name}({value});",
        FixedSchema f when logical.Kind == LogicalTypeKind.Decimal => $"writer.WriteFixedDecimal({value}, {f.Size}, {logical.Scale});",
        FixedSchema f => $"{support}.WriteFixed(ref writer, {value}, {f.Size});",
        _ => $"writer.WriteDecimal({value}, {logical.Scale});",
    };

    private static string ReadLogical(LogicalType logical, AvroSchema schema) => schema switch
    {
        _ when CSharpTypes.NamedConversion(logical.Kind) is { } conversion => $"reader.Read{conversion.Name}()",
        FixedSchema f when logical.Kind == LogicalTypeKind.Decimal => $"reader.ReadFixedDecimal({f.Size}, {logical.Scale})",
        FixedSchema f => $"reader.ReadFixed({f.Size})",
        _ => $"reader.ReadDecimal({logical.Scale})",
    };
}
