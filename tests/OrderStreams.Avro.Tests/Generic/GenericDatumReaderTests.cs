using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

/// <summary>Schema resolution (writer → reader) through the resolving generic reader.</summary>
public class GenericDatumReaderTests
{
    [Theory]
    [InlineData("int", 7, "long", 7L)]
    [InlineData("int", 7, "float", 7f)]
    [InlineData("int", 7, "double", 7d)]
    [InlineData("long", 9_000_000_000L, "float", 9_000_000_000f)]
    [InlineData("long", 9_000_000_000L, "double", 9_000_000_000d)]
    [InlineData("float", 1.5f, "double", 1.5d)]
    public void Read_PromotableNumber_IsPromoted(string writerType, object value, string readerType, object expected)
    {
        Assert.Equal(expected, Resolve($"\"{writerType}\"", $"\"{readerType}\"", value));
    }

    [Fact]
    public void Read_StringAsBytesAndBytesAsString_Convert()
    {
        Assert.Equal("hi"u8.ToArray(), Resolve("\"string\"", "\"bytes\"", "hi"));
        Assert.Equal("hi", Resolve("\"bytes\"", "\"string\"", "hi"u8.ToArray()));
    }

    [Fact]
    public void Read_ReorderedAddedAndRemovedFields_Resolves()
    {
        const string writer = """
            {"type":"record","name":"R","fields":[
              {"name":"a","type":"int"},
              {"name":"gone","type":{"type":"map","values":{"type":"record","name":"G","fields":[{"name":"g","type":["null","string"]}]}}},
              {"name":"b","type":"string"}]}
            """;
        const string reader = """
            {"type":"record","name":"R","fields":[
              {"name":"b","type":"string"},
              {"name":"added","type":{"type":"array","items":"int"},"default":[1,2]},
              {"name":"a","type":"long"}]}
            """;
        var writerSchema = (RecordSchema)AvroSchema.Parse(writer);
        var gone = new GenericRecord((RecordSchema)((MapSchema)writerSchema.GetField("gone").Schema).Values) { ["g"] = "x" };
        var value = new GenericRecord(writerSchema) { ["a"] = 1, ["gone"] = new Dictionary<string, object?> { ["k"] = gone }, ["b"] = "bee" };

        var record = (GenericRecord)Resolve(writer, reader, value)!;

        Assert.Equal("bee", record[0]);
        RoundTrip.AssertEqual(new List<object?> { 1, 2 }, record[1]);
        Assert.Equal(1L, record[2]);
    }

    [Fact]
    public void Read_ReaderFieldWithoutDefaultMissingInWriter_ThrowsAndReportsIncompatibility()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""");
        var datumReader = new GenericDatumReader(writer, reader);

        var incompatibility = Assert.Single(datumReader.Incompatibilities);
        Assert.Equal("$.b", incompatibility.Path);
        var e = Assert.Throws<AvroResolutionException>(() => datumReader.Read([2]));
        Assert.Contains("'b' is not in the writer's 'R' and has no default", e.Message);
    }

    [Fact]
    public void Read_DefaultRecord_IsFreshForEveryDatum()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"l","type":{"type":"array","items":"int"},"default":[]}]}""");
        var datumReader = new GenericDatumReader(writer, reader);

        var first = (GenericRecord)datumReader.Read([])!;
        ((List<object?>)first["l"]!).Add(1);
        var second = (GenericRecord)datumReader.Read([])!;

        Assert.Empty((List<object?>)second["l"]!);
    }

    [Fact]
    public void Read_EnumSymbolUnknownToReader_UsesReaderDefault()
    {
        const string writer = """{"type":"enum","name":"S","symbols":["A","B","C"]}""";
        const string reader = """{"type":"enum","name":"S","symbols":["C","A","OTHER"],"default":"OTHER"}""";
        var writerSchema = (EnumSchema)AvroSchema.Parse(writer);

        Assert.Equal("A", ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerSchema, "A"))!).Symbol);
        Assert.Equal("OTHER", ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerSchema, "B"))!).Symbol);
        Assert.Equal(0, ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerSchema, "C"))!).Index);
    }

    [Fact]
    public void Read_EnumSymbolUnknownWithoutDefault_FailsOnlyForThatSymbol()
    {
        const string writer = """{"type":"enum","name":"S","symbols":["A","B"]}""";
        const string reader = """{"type":"enum","name":"S","symbols":["A"]}""";
        var writerSchema = (EnumSchema)AvroSchema.Parse(writer);

        Assert.Equal("A", ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerSchema, "A"))!).Symbol);
        var e = Assert.Throws<AvroResolutionException>(() => Resolve(writer, reader, new GenericEnum(writerSchema, "B")));
        Assert.Contains("no symbol 'B'", e.Message);
    }

    [Fact]
    public void Read_NonUnionIntoUnion_PicksFirstMatchingBranchWithPromotion()
    {
        Assert.Equal(5L, Resolve("\"int\"", """["null","string","long"]""", 5));
        Assert.Equal("s", Resolve("\"string\"", """["null","string"]""", "s"));
    }

    [Fact]
    public void Read_UnionIntoNonUnion_ResolvesTheWrittenBranch()
    {
        Assert.Equal(3L, Resolve("""["null","int"]""", "\"long\"", 3));
        var e = Assert.Throws<AvroResolutionException>(() => Resolve("""["null","int"]""", "\"long\"", null));
        Assert.Contains("'null' cannot be read as 'long'", e.Message);
    }

    [Fact]
    public void Read_UnionIntoSmallerUnion_MissingBranchFailsOnlyWhenUsed()
    {
        Assert.Equal(3.0, Resolve("""["null","float","string"]""", """["null","double"]""", 3f));
        Assert.Null(Resolve("""["null","float","string"]""", """["null","double"]""", null));
        Assert.Throws<AvroResolutionException>(() => Resolve("""["null","float","string"]""", """["null","double"]""", "x"));
    }

    [Fact]
    public void Read_RenamedRecordAndFieldWithAliases_Resolves()
    {
        const string writer = """{"type":"record","name":"old.Customer","fields":[{"name":"fullName","type":"string"}]}""";
        const string reader = """{"type":"record","name":"Client","namespace":"crm","aliases":["old.Customer"],"fields":[{"name":"name","type":"string","aliases":["fullName"]}]}""";
        var value = new GenericRecord((RecordSchema)AvroSchema.Parse(writer)) { ["fullName"] = "Ada" };

        var record = (GenericRecord)Resolve(writer, reader, value)!;

        Assert.Equal("crm.Client", record.Schema.FullName);
        Assert.Equal("Ada", record["name"]);
    }

    [Fact]
    public void Read_RecordsWithDifferentNames_AreIncompatible()
    {
        var reader = new GenericDatumReader(
            AvroSchema.Parse("""{"type":"record","name":"A","fields":[]}"""),
            AvroSchema.Parse("""{"type":"record","name":"B","fields":[]}"""));

        Assert.Contains("names and aliases differ", Assert.Single(reader.Incompatibilities).Reason);
    }

    [Fact]
    public void Read_RecursiveRecordWithAddedField_Resolves()
    {
        const string writer = """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""";
        const string reader = """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"depth","type":"int","default":-1}]}""";
        var writerSchema = (RecordSchema)AvroSchema.Parse(writer);
        var chain = new GenericRecord(writerSchema) { ["next"] = new GenericRecord(writerSchema) { ["next"] = null } };

        var record = (GenericRecord)Resolve(writer, reader, chain)!;

        Assert.Equal(-1, record["depth"]);
        Assert.Equal(-1, ((GenericRecord)record["next"]!)["depth"]);
    }

    [Fact]
    public void Read_FixedOfDifferentSize_IsIncompatible()
    {
        var reader = new GenericDatumReader(
            AvroSchema.Parse("""{"type":"fixed","name":"F","size":2}"""),
            AvroSchema.Parse("""{"type":"fixed","name":"F","size":3}"""));

        Assert.Contains("size 3", Assert.Single(reader.Incompatibilities).Reason);
    }

    [Fact]
    public void For_SamePair_ReturnsCachedReader()
    {
        var writer = AvroSchema.Parse("\"int\"");
        var reader = AvroSchema.Parse("\"long\"");

        Assert.Same(GenericDatumReader.For(writer, reader), GenericDatumReader.For(AvroSchema.Parse("\"int\""), reader));
    }

    private static object? Resolve(string writerJson, string readerJson, object? value)
    {
        var writer = AvroSchema.Parse(writerJson);
        var bytes = new GenericDatumWriter(writer).Serialize(value);
        return new GenericDatumReader(writer, AvroSchema.Parse(readerJson)).Read(bytes);
    }
}
