using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen.Tests;

public class ContractGeneratorTests
{
    private const string Money = """
        {"type":"record","name":"Money","namespace":"com.example.common","fields":[
          {"name":"amountCents","type":"long"},{"name":"currency","type":"string","default":"EUR"}]}
        """;

    // Every shape the generator supports, beyond what the OrderStreams schemas use.
    private const string Everything = """
        {"type":"record","name":"Everything","namespace":"com.example.events","doc":"All <shapes> & kinds.","fields":[
          {"name":"flag","type":"boolean","default":true},
          {"name":"count","type":"int","default":3},
          {"name":"ratio","type":"float"},
          {"name":"raw","type":"bytes"},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
          {"name":"fixedPrice","type":{"type":"fixed","name":"Price12","size":12,"logicalType":"decimal","precision":20,"scale":4}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"time","type":{"type":"long","logicalType":"time-micros"}},
          {"name":"micros","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"local","type":["null",{"type":"long","logicalType":"local-timestamp-millis"}],"default":null},
          {"name":"tags","type":{"type":"map","values":{"type":"array","items":"string"}},"default":{}},
          {"name":"amounts","type":{"type":"array","items":["null","com.example.common.Money"]}},
          {"name":"level","type":{"type":"enum","name":"Level","symbols":["LOW","HIGH_UP"],"default":"LOW"},"default":"HIGH_UP"},
          {"name":"choice","type":["null",
            {"type":"record","name":"Left","fields":[{"name":"bytesByName","type":{"type":"map","values":"bytes"}}]},
            {"type":"record","name":"Right","fields":[{"name":"money","type":"com.example.common.Money"}]}],"default":null}]}
        """;

    [Fact]
    public void Generate_Schemas_OneFilePerRecordAndEnumInNamespaceFolders()
    {
        using var directory = new SchemaDirectory(("Money.avsc", Money), ("Everything.avsc", Everything));

        var paths = ContractGenerator.Generate(directory.Options).Select(f => f.Path.Replace('\\', '/')).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["ApacheAvroTypes.g.cs", "AvroContracts.g.cs", "AvroGeneratedSupport.g.cs", "Common/Money.g.cs", "Events/Everything.g.cs", "Events/Left.g.cs", "Events/Level.g.cs", "Events/Right.g.cs"],
            paths);
    }

    // Avro JSON encoding of one Everything value that exercises every branch (decimal 12.34 is unscaled 1234 = 0x04D2).
    private const string EverythingValue = """
        {"flag":false,"count":-7,"ratio":1.5,"raw":"\u0000\u00ff","hash":"abcd",
         "price":"\u0004\u00d2","fixedPrice":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u00e2\u0040",
         "day":19000,"time":45296000001,"micros":1763814615123456,"local":{"long":1763814615123},
         "tags":{"a":["x","y"],"b":[]},
         "amounts":[null,{"com.example.common.Money":{"amountCents":950,"currency":"EUR"}}],
         "level":"HIGH_UP",
         "choice":{"com.example.events.Left":{"bytesByName":{"k":"\u0001"}}}}
        """;

    [Fact]
    public void Generate_EveryShape_CompilesWithNullableAndWarningsAsErrors()
    {
        using var directory = new SchemaDirectory(("Money.avsc", Money), ("Everything.avsc", Everything));

        var (_, problems) = Compile(directory);

        Assert.Empty(problems);
    }

    [Fact]
    public void GeneratedCode_EveryShape_WritesTheGenericWritersBytesAndReadsThemBack()
    {
        using var directory = new SchemaDirectory(("Money.avsc", Money), ("Everything.avsc", Everything));
        var (assembly, problems) = Compile(directory, """
            public static class Probe
            {
                public static byte[] Encode(global::OrderStreams.Avro.Generic.GenericRecord datum) =>
                    global::OrderStreams.Avro.Specific.AvroRecord.Serialize(global::Sample.Contracts.Events.Everything.FromGeneric(datum));

                public static bool ReadsBackEqual(byte[] data, global::OrderStreams.Avro.Generic.GenericRecord datum) =>
                    global::OrderStreams.Avro.Specific.AvroRecord.Read<global::Sample.Contracts.Events.Everything>(data)
                        .Equals(global::Sample.Contracts.Events.Everything.FromGeneric(datum));

                public static global::OrderStreams.Avro.Schemas.RecordSchema Schema => global::Sample.Contracts.Events.Everything.Schema;
            }
            """);
        Assert.Empty(problems);
        var probe = assembly!.GetType("Probe")!;
        var schema = (RecordSchema)probe.GetProperty("Schema")!.GetValue(null)!;
        var datum = (GenericRecord)AvroJson.FromJson(EverythingValue, schema)!;

        var bytes = (byte[])probe.GetMethod("Encode")!.Invoke(null, [datum])!;

        Assert.Equal(new GenericDatumWriter(schema).Serialize(datum), bytes);
        Assert.True((bool)probe.GetMethod("ReadsBackEqual")!.Invoke(null, [bytes, datum])!);
    }

    [Fact]
    public void GeneratedCode_EveryShapeButFixedDecimal_ApacheSpecificWriterWritesOurBytesAndItsReaderReadsThemBack()
    {
        // Apache.Avro's specific writer cannot write a decimal on a fixed; its own names keep the type cache apart.
        static string WithoutFixedDecimal(string json) => Regex.Replace(
                Regex.Replace(json, @"^.*""name"":""fixedPrice"".*\n", "", RegexOptions.Multiline), @",""fixedPrice"":""[^""]*""", "")
            .Replace("com.example.events", "com.example.apache").Replace("com.example.common", "com.example.apachecommon");
        using var directory = new SchemaDirectory(("Money.avsc", WithoutFixedDecimal(Money)), ("Everything.avsc", WithoutFixedDecimal(Everything)));
        var (assembly, problems) = Compile(directory, """
            public static class Probe
            {
                private static readonly global::Avro.Schema ApacheSchema = ((global::Avro.Specific.ISpecificRecord)global::System.Activator.CreateInstance<global::Sample.Contracts.Apache.Everything>()).Schema;

                public static byte[] Encode(global::OrderStreams.Avro.Generic.GenericRecord datum) =>
                    global::OrderStreams.Avro.Specific.AvroRecord.Serialize(global::Sample.Contracts.Apache.Everything.FromGeneric(datum));

                public static byte[] ApacheEncode(global::OrderStreams.Avro.Generic.GenericRecord datum)
                {
                    using var output = new global::System.IO.MemoryStream();
                    new global::Avro.Specific.SpecificDatumWriter<global::Sample.Contracts.Apache.Everything>(ApacheSchema)
                        .Write(global::Sample.Contracts.Apache.Everything.FromGeneric(datum), new global::Avro.IO.BinaryEncoder(output));
                    return output.ToArray();
                }

                public static bool ApacheReadsBackEqual(byte[] data, global::OrderStreams.Avro.Generic.GenericRecord datum) =>
                    new global::Avro.Specific.SpecificDatumReader<global::Sample.Contracts.Apache.Everything>(ApacheSchema, ApacheSchema)
                        .Read(null!, new global::Avro.IO.BinaryDecoder(new global::System.IO.MemoryStream(data)))
                        .Equals(global::Sample.Contracts.Apache.Everything.FromGeneric(datum));

                public static global::OrderStreams.Avro.Schemas.RecordSchema Schema => global::Sample.Contracts.Apache.Everything.Schema;
            }
            """);
        Assert.Empty(problems);
        var probe = assembly!.GetType("Probe")!;
        var schema = (RecordSchema)probe.GetProperty("Schema")!.GetValue(null)!;
        var datum = (GenericRecord)AvroJson.FromJson(WithoutFixedDecimal(EverythingValue), schema)!;

        var bytes = (byte[])probe.GetMethod("ApacheEncode")!.Invoke(null, [datum])!;

        Assert.Equal((byte[])probe.GetMethod("Encode")!.Invoke(null, [datum])!, bytes);
        Assert.True((bool)probe.GetMethod("ApacheReadsBackEqual")!.Invoke(null, [bytes, datum])!);
    }

    private static (Assembly? Assembly, ImmutableArray<string> Problems) Compile(SchemaDirectory directory, string? extra = null)
    {
        var trees = ContractGenerator.Generate(directory.Options).Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)).ToList();
        if (extra is not null)
            trees.Add(CSharpSyntaxTree.ParseText(extra));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(AvroException).Assembly.Location)
            .Append(typeof(global::Avro.Schema).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error);

        using var output = new MemoryStream();
        var result = CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), trees, references, options).Emit(output);

        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToImmutableArray();
        return (result.Success ? AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(output.ToArray())) : null, problems);
    }

    [Fact]
    public void Generate_UnionOfPrimitives_ThrowsNamingTheUnion()
    {
        using var directory = new SchemaDirectory(("Bad.avsc", """{"type":"record","name":"Bad","fields":[{"name":"x","type":["int","string"]}]}"""));

        var error = Assert.Throws<NotSupportedException>(() => ContractGenerator.Generate(directory.Options));

        Assert.Contains("[int, string]", error.Message);
    }

    [Fact]
    public void Generate_FieldNamedLikeAGeneratedMember_ThrowsNamingTheField()
    {
        using var directory = new SchemaDirectory(("Bad.avsc", """{"type":"record","name":"Bad","fields":[{"name":"schema","type":"string"}]}"""));

        var error = Assert.Throws<NotSupportedException>(() => ContractGenerator.Generate(directory.Options));

        Assert.Contains("'schema'", error.Message);
    }

    [Fact]
    public void Run_AgainAfterASchemaWasRemoved_DeletesItsFileAndKeepsUnchangedFilesUntouched()
    {
        using var directory = new SchemaDirectory(("Money.avsc", Money), ("Everything.avsc", Everything));
        ContractGenerator.Run(directory.Options);
        var money = Path.Combine(directory.Output, "Common", "Money.g.cs");
        var written = File.GetLastWriteTimeUtc(money);
        File.SetLastWriteTimeUtc(money, written.AddHours(-1));

        File.Delete(Path.Combine(directory.Schemas, "Everything.avsc"));
        ContractGenerator.Run(directory.Options);

        Assert.False(File.Exists(Path.Combine(directory.Output, "Events", "Everything.g.cs")));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(money));
    }

    [Theory]
    [InlineData("amountCents", "AmountCents")]
    [InlineData("AMOUNT_MISMATCH", "AmountMismatch")]
    [InlineData("lat", "Lat")]
    [InlineData("UNKNOWN", "Unknown")]
    [InlineData("snake_case_name", "SnakeCaseName")]
    public void Pascal_AvroName_ReturnsCSharpName(string avro, string expected)
    {
        Assert.Equal(expected, CSharpNaming.Pascal(avro));
    }
}
