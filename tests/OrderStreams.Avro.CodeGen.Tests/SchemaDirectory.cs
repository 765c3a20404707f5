namespace OrderStreams.Avro.CodeGen.Tests;

/// <summary>A temporary directory of .avsc files and an output directory for one test.</summary>
internal sealed class SchemaDirectory : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "avro-codegen-" + Guid.NewGuid().ToString("N"));

    public SchemaDirectory(params (string Name, string Json)[] schemas)
    {
        Directory.CreateDirectory(Schemas);
        foreach (var (name, json) in schemas)
            File.WriteAllText(Path.Combine(Schemas, name), json);
    }

    public string Schemas => Path.Combine(_root, "schemas");

    public string Output => Path.Combine(_root, "generated");

    public GeneratorOptions Options => new(Schemas, Output, "Sample.Contracts", "com.example");

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
