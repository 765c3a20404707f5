using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>Parses every .avsc of a directory together (they refer to each other by full name) and writes one C# file per named type.</summary>
internal static class ContractGenerator
{
    public static int Run(GeneratorOptions options)
    {
        var files = Generate(options);
        Directory.CreateDirectory(options.OutputDirectory);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (relativePath, text) in files)
        {
            var path = Path.Combine(options.OutputDirectory, relativePath);
            expected.Add(Path.GetFullPath(path));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Rewriting unchanged files would make every build recompile everything downstream.
            if (!File.Exists(path) || File.ReadAllText(path) != text)
                File.WriteAllText(path, text);
        }

        foreach (var stale in Directory.EnumerateFiles(options.OutputDirectory, "*.g.cs", SearchOption.AllDirectories))
        {
            if (!expected.Contains(Path.GetFullPath(stale)))
                File.Delete(stale);
        }

        return files.Count;
    }

    /// <summary>The generated files by relative path.</summary>
    public static IReadOnlyList<(string Path, string Text)> Generate(GeneratorOptions options)
    {
        var parser = new SchemaParser();
        foreach (var file in Directory.GetFiles(options.SchemaDirectory, "*.avsc").Order(StringComparer.Ordinal))
            parser.Add(Path.GetFileName(file), File.ReadAllText(file));
        var model = new ContractModel(parser.Build(), new CSharpNaming(options.RootNamespace, options.StripPrefix));
        var records = new RecordEmitter(model, options);
        var enums = new EnumEmitter(model);

        var files = new List<(string, string)>();
        foreach (var schema in model.Types)
        {
            var text = schema switch
            {
                RecordSchema record => records.Emit(record),
                EnumSchema enumSchema => enums.Emit(enumSchema),
                _ => null, // fixed types are byte[] properties
            };
            if (text is null)
                continue;
            var folder = model.Naming.NamespaceOf(schema)[options.RootNamespace.Length..].TrimStart('.').Replace('.', Path.DirectorySeparatorChar);
            files.Add((Path.Combine(folder, CSharpNaming.Pascal(schema.Name) + ".g.cs"), text));
        }

        files.Add(("AvroContracts.g.cs", Catalogue(model, options)));
        files.Add(("AvroGeneratedSupport.g.cs", SupportEmitter.Emit(options.RootNamespace)));
        files.Add(("ApacheAvroTypes.g.cs", new ApacheTypes(model, options).Emit()));
        return files;
    }

    private static string Catalogue(ContractModel model, GeneratorOptions options)
    {
        var w = CodeWriter.GeneratedFile("the .avsc files", options.RootNamespace)
            .Line("/// <summary>Every record type generated from the schemas, for tools that handle all of them (registration, compatibility checks).</summary>")
            .Open("public static class AvroContracts");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::OrderStreams.Avro.Schemas.RecordSchema> RecordSchemas { get; } =");
        w.Line("[");
        foreach (var record in model.Types.OfType<RecordSchema>())
            w.Line($"    {model.Naming.TypeName(record)}.Schema,");
        w.Line("];");
        return w.Close().ToString();
    }
}
