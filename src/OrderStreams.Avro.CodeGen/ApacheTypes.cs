using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// The types Apache.Avro's specific reader and writer need beside the records: for each enum, a C# enum whose
/// member names are the Avro symbols (its writer maps values by name); for each fixed, a <c>SpecificFixed</c>.
/// All are nested in one internal class, and a module initializer tells Apache.Avro which C# type has each Avro
/// full name (it looks types up by that name, and ours live in other namespaces).
/// </summary>
internal sealed class ApacheTypes(ContractModel model, GeneratorOptions options)
{
    private const string ClassName = "ApacheAvroTypes";

    public string EnumName(EnumSchema schema) => $"global::{options.RootNamespace}.{ClassName}.{Nested(schema)}";

    public string FixedName(FixedSchema schema) => $"global::{options.RootNamespace}.{ClassName}.{Nested(schema)}";

    public string Emit()
    {
        var w = CodeWriter.GeneratedFile("the .avsc files", options.RootNamespace)
            .Line("/// <summary>What Apache.Avro's specific reader and writer need besides the generated records.</summary>")
            .Open($"internal static class {ClassName}");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void RegisterWithApacheAvro()");
        w.Open($"{options.Support}.RegisterSpecificTypes(new global::System.Collections.Generic.Dictionary<string, global::System.Type>");
        foreach (var schema in model.Types)
        {
            var type = schema switch
            {
                RecordSchema record => model.Naming.TypeName(record),
                EnumSchema enumSchema => EnumName(enumSchema),
                FixedSchema fixedSchema => FixedName(fixedSchema),
                _ => null,
            };
            if (type is not null)
                w.Line($"[\"{schema.FullName}\"] = typeof({type}),");
        }

        w.Close("});").Close();
        foreach (var schema in model.Types)
        {
            if (schema is EnumSchema enumSchema)
                EmitEnum(w, enumSchema);
            else if (schema is FixedSchema fixedSchema)
                EmitFixed(w, fixedSchema);
        }

        return w.Close().ToString();
    }

    private static string Nested(NamedSchema schema) => schema.FullName.Replace('.', '_');

    private static void EmitEnum(CodeWriter w, EnumSchema schema)
    {
        w.Line();
        w.Open($"internal enum {Nested(schema)}");
        foreach (var symbol in schema.Symbols)
            w.Line($"@{symbol},");
        w.Close();
    }

    private static void EmitFixed(CodeWriter w, FixedSchema schema)
    {
        var name = Nested(schema);
        w.Line();
        w.Open($"internal sealed class {name} : global::Avro.Specific.SpecificFixed");
        w.Line("private static readonly global::Avro.Schema FixedSchema =");
        w.Line($"    global::Avro.Schema.Parse({CSharpNaming.Literal(schema.ToJson())});");
        w.Line();
        w.Line($"public {name}() : base({schema.Size}) {{ }}");
        w.Line();
        w.Line("public override global::Avro.Schema Schema => FixedSchema;");
        w.Close();
    }
}
