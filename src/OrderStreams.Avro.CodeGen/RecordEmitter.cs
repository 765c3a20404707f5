using System.Globalization;
using System.Text.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>Emits one <c>sealed partial record</c> per Avro record: properties, binary codec, generic conversions, equality.</summary>
internal sealed class RecordEmitter(ContractModel model, GeneratorOptions options)
{
    private const string SpecificRecord = "global::Avro.Specific.ISpecificRecord";

    private static readonly HashSet<string> ReservedMembers =
    [
        "Schema", "SchemaJson", "Write", "Read", "FromGeneric", "ToGeneric", "Equals", "GetHashCode", "ToString",
        "EqualityContract", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Get", "Put", "SpecificSchema",
    ];

    public string Emit(RecordSchema record)
    {
        var types = new CSharpTypes(model);
        var binary = new BinaryCodeEmitter(model, types, options.Support);
        var generic = new GenericCodeEmitter(model, types, options.Support);
        var specific = new SpecificCodeEmitter(model, types, new ApacheTypes(model, options), options.Support);
        var name = CSharpNaming.Pascal(record.Name);
        var properties = record.Fields.Select(f => PropertyName(record, name, f)).ToList();
        var interfaces = new[] { $"{options.RecordInterface}<{name}>", SpecificRecord }.Concat(model.InterfacesOf(record));

        var w = Header(record, model.Naming.NamespaceOf(record));
        w.Summary(record.Doc);
        w.Open($"public sealed partial record {name} : {string.Join(", ", interfaces)}");

        w.Line("/// <summary>The Avro schema this type was generated from, with every referenced type inline.</summary>");
        w.Line($"public const string SchemaJson = {CSharpNaming.Literal(record.ToJson())};");
        w.Line();
        w.Line($"public static global::OrderStreams.Avro.Schemas.RecordSchema Schema {{ get; }} = (global::OrderStreams.Avro.Schemas.RecordSchema)global::OrderStreams.Avro.Schemas.AvroSchema.Parse(SchemaJson, \"{record.FullName}\");");

        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var initializer = field.Default is { } value ? DefaultLiteral(field.Schema, value, types) : null;
            var optional = initializer is not null || (field.HasDefault && field.Schema is UnionSchema { NullIndex: >= 0 });
            var type = types.Of(field.Schema);
            var backing = BackingField(properties[i]);
            w.Line();
            w.Line($"private {type} {backing}{(initializer is null ? (type.EndsWith('?') ? "" : " = default!") : $" = {initializer}")};");
            w.Summary(field.Doc);
            w.Line($"public {(optional ? "" : "required ")}{type} {properties[i]} {{ get => {backing}; init => {backing} = value; }}");
        }

        EmitSpecificRecord(w, record, properties, specific);

        w.Line();
        w.Open("public void Write(ref global::OrderStreams.Avro.Binary.AvroWriter writer)");
        for (var i = 0; i < record.Fields.Count; i++)
            binary.Write(w, record.Fields[i].Schema, properties[i]);
        w.Close();

        w.Line();
        w.Open($"public static {name} Read(ref global::OrderStreams.Avro.Binary.AvroReader reader) => new()");
        for (var i = 0; i < record.Fields.Count; i++)
            w.Line($"{properties[i]} = {binary.Read(record.Fields[i].Schema, properties[i])},");
        w.Close("};");

        w.Line();
        w.Line("/// <summary>Converts a generic record of this schema, e.g. one resolved from data written with another version.</summary>");
        w.Open($"public static {name} FromGeneric(global::OrderStreams.Avro.Generic.GenericRecord record)");
        w.Line($"{options.Support}.CheckRecord(record, \"{record.FullName}\");");
        w.Open("return new()");
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var f = record.Fields[i];
            w.Line($"{properties[i]} = {generic.FromGeneric(f.Schema, $"record[\"{f.Name}\"]", $"Schema.Fields[{i}].Schema", properties[i])},");
        }

        w.Close("};").Close();

        w.Line();
        w.Open("public global::OrderStreams.Avro.Generic.GenericRecord ToGeneric()");
        w.Line("var record = new global::OrderStreams.Avro.Generic.GenericRecord(Schema);");
        for (var i = 0; i < record.Fields.Count; i++)
            w.Line($"record[{i}] = {generic.ToGeneric(record.Fields[i].Schema, properties[i], $"Schema.Fields[{i}].Schema", properties[i])};");
        w.Line("return record;").Close();

        if (record.Fields.Any(f => CSharpTypes.NeedsStructuralEquality(f.Schema)))
            EmitEquality(w, record, name, properties, types);

        foreach (var nested in model.DeclaredInterfaces(record))
        {
            w.Line();
            w.Line($"/// <summary>The records that field {nested[1..]} can hold (an Avro union).</summary>");
            w.Line($"public interface {nested};");
        }

        EmitHelpers(w, binary.Helpers);
        EmitHelpers(w, generic.Helpers);
        w.Close();
        return w.ToString();
    }

    // Apache.Avro's interface, implemented explicitly: Put is how its reader fills a record, not part of our API.
    private static void EmitSpecificRecord(CodeWriter w, RecordSchema record, List<string> properties, SpecificCodeEmitter specific)
    {
        w.Line();
        w.Line("private static readonly global::Avro.Schema SpecificSchema = global::Avro.Schema.Parse(SchemaJson);");
        w.Line();
        w.Line($"global::Avro.Schema {SpecificRecord}.Schema => SpecificSchema;");
        w.Line();
        w.Open($"object? {SpecificRecord}.Get(int fieldPos) => fieldPos switch");
        for (var i = 0; i < record.Fields.Count; i++)
            w.Line($"{i} => {specific.ToSpecific(record.Fields[i].Schema, properties[i])},");
        w.Line($"_ => throw new global::Avro.AvroRuntimeException($\"Bad index {{fieldPos}} in Get()\"),");
        w.Close("};");
        w.Line();
        w.Open($"void {SpecificRecord}.Put(int fieldPos, object? fieldValue)");
        w.Open("switch (fieldPos)");
        for (var i = 0; i < record.Fields.Count; i++)
            w.Line($"case {i}: {BackingField(properties[i])} = {specific.FromSpecific(record.Fields[i].Schema, "fieldValue")}; break;");
        w.Line("default: throw new global::Avro.AvroRuntimeException($\"Bad index {fieldPos} in Put()\");");
        w.Close().Close();
    }

    private static string BackingField(string property) => "_" + char.ToLowerInvariant(property[0]) + property[1..];

    internal static CodeWriter Header(NamedSchema schema, string ns) => CodeWriter.GeneratedFile($"the .avsc of {schema.FullName}", ns);

    private static void EmitHelpers(CodeWriter w, List<Action<CodeWriter>> helpers)
    {
        // Emitting a helper can add more (nested collections), hence the index loop.
        for (var i = 0; i < helpers.Count; i++)
        {
            w.Line();
            helpers[i](w);
        }
    }

    private void EmitEquality(CodeWriter w, RecordSchema record, string name, List<string> properties, CSharpTypes types)
    {
        string Compare(int i) => CSharpTypes.NeedsStructuralEquality(record.Fields[i].Schema)
            ? $"{options.Support}.DeepEquals({properties[i]}, other.{properties[i]})"
            : $"global::System.Collections.Generic.EqualityComparer<{types.Of(record.Fields[i].Schema)}>.Default.Equals({properties[i]}, other.{properties[i]})";

        w.Line();
        w.Line("/// <summary>Value equality, comparing lists, maps and bytes by content.</summary>");
        w.Line($"public bool Equals({name}? other) =>");
        w.Line("    ReferenceEquals(this, other) || (other is not null");
        for (var i = 0; i < record.Fields.Count; i++)
            w.Line($"        && {Compare(i)}{(i == record.Fields.Count - 1 ? ");" : "")}");
        w.Line();

        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        for (var i = 0; i < record.Fields.Count; i++)
        {
            w.Line(CSharpTypes.NeedsStructuralEquality(record.Fields[i].Schema)
                ? $"hash.Add({options.Support}.DeepHash({properties[i]}));"
                : $"hash.Add({properties[i]});");
        }

        w.Line("return hash.ToHashCode();").Close();
    }

    private static string PropertyName(RecordSchema record, string typeName, RecordField field)
    {
        var property = CSharpNaming.Pascal(field.Name);
        if (property == typeName || ReservedMembers.Contains(property))
            throw new NotSupportedException($"Field '{field.Name}' of '{record.FullName}' maps to the C# member '{property}', which the generated type already uses; rename the field (keep the old name as an alias).");
        return property;
    }

    /// <summary>A C# initializer for a field default, or null where the field is better left required.</summary>
    private string? DefaultLiteral(AvroSchema schema, JsonElement value, CSharpTypes types) => schema switch
    {
        UnionSchema union when value.ValueKind == JsonValueKind.Null && union.NullIndex >= 0 => null,
        UnionSchema union => DefaultLiteral(union.Branches[0], value, types),
        { LogicalType: { Kind: LogicalTypeKind.Uuid } } => $"global::System.Guid.Parse(\"{value.GetString()}\")",
        { LogicalType: { Kind: LogicalTypeKind.TimestampMillis } } => $"global::System.DateTimeOffset.FromUnixTimeMilliseconds({value.GetInt64()})",
        { LogicalType: not null } => null,
        EnumSchema enumSchema => $"{model.Naming.TypeName(enumSchema)}.{CSharpNaming.Pascal(value.GetString()!)}",
        ArraySchema when value.GetArrayLength() == 0 => "[]",
        MapSchema map when !value.EnumerateObject().Any() => $"new global::System.Collections.Generic.Dictionary<string, {types.Of(map.Values)}>()",
        _ => schema.Type switch
        {
            AvroType.Boolean => value.GetBoolean() ? "true" : "false",
            AvroType.Int => value.GetInt32().ToString(CultureInfo.InvariantCulture),
            AvroType.Long => value.GetInt64().ToString(CultureInfo.InvariantCulture) + "L",
            AvroType.Float => value.GetSingle().ToString("R", CultureInfo.InvariantCulture) + "f",
            AvroType.Double => value.GetDouble().ToString("R", CultureInfo.InvariantCulture) + "d",
            AvroType.String => CSharpNaming.Literal(value.GetString()!),
            _ => null,
        },
    };
}
