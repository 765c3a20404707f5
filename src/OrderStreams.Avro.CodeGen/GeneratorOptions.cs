namespace OrderStreams.Avro.CodeGen;

/// <summary>Command-line options of the generator.</summary>
internal sealed record GeneratorOptions(string SchemaDirectory, string OutputDirectory, string RootNamespace, string StripPrefix)
{
    /// <summary>The static abstract interface every generated record implements.</summary>
    public string RecordInterface => "global::OrderStreams.Avro.Specific.IAvroRecord";

    /// <summary>The internal helper class emitted with the generated code (<see cref="SupportEmitter"/>).</summary>
    public string Support => $"global::{RootNamespace}.AvroGeneratedSupport";

    public static GeneratorOptions Parse(string[] args)
    {
        var positional = new List<string>();
        string root = "OrderStreams.Contracts", strip = "com.orderstreams";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--root-namespace" when i + 1 < args.Length:
                    root = args[++i];
                    break;
                case "--strip-prefix" when i + 1 < args.Length:
                    strip = args[++i];
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 2)
            throw new ArgumentException("Usage: OrderStreams.Avro.CodeGen <schema-directory> <output-directory> [--root-namespace N] [--strip-prefix P]");
        return new GeneratorOptions(positional[0], positional[1], root, strip);
    }
}
