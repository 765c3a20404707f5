using OrderStreams.Avro;
using OrderStreams.Avro.CodeGen;

try
{
    var options = GeneratorOptions.Parse(args);
    var written = ContractGenerator.Run(options);
    Console.WriteLine($"OrderStreams.Avro.CodeGen: {written} file(s) in {options.OutputDirectory}");
    return 0;
}
catch (Exception e) when (e is ArgumentException or AvroException or NotSupportedException or IOException)
{
    // MSBuild's Exec shows "error:" lines as build errors.
    Console.Error.WriteLine($"error AVROGEN: {e.Message}");
    return 1;
}
