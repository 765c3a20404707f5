using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Schemas;

/// <summary>Parsing Canonical Form and CRC-64-AVRO vectors from the Avro spec's test suite.</summary>
public class CanonicalFormTests
{
    public static TheoryData<string, string, long> SpecVectors => new()
    {
        { "\"null\"", "\"null\"", 7195948357588979594 },
        { "{\"type\":\"null\"}", "\"null\"", 7195948357588979594 },
        { "\"boolean\"", "\"boolean\"", -6970731678124411036 },
        { "{\"type\":\"boolean\"}", "\"boolean\"", -6970731678124411036 },
        { "\"int\"", "\"int\"", 8247732601305521295 },
        { "{\"type\":\"int\"}", "\"int\"", 8247732601305521295 },
        { "\"long\"", "\"long\"", -3434872931120570953 },
        { "{\"type\":\"long\"}", "\"long\"", -3434872931120570953 },
        { "\"float\"", "\"float\"", 5583340709985441680 },
        { "{\"type\":\"float\"}", "\"float\"", 5583340709985441680 },
        { "\"double\"", "\"double\"", -8181574048448539266 },
        { "{\"type\":\"double\"}", "\"double\"", -8181574048448539266 },
        { "\"bytes\"", "\"bytes\"", 5746618253357095269 },
        { "{\"type\":\"bytes\"}", "\"bytes\"", 5746618253357095269 },
        { "\"string\"", "\"string\"", -8142146995180207161 },
        { "{\"type\":\"string\"}", "\"string\"", -8142146995180207161 },
        { "[  ]", "[]", -1241056759729112623 },
        { "[ \"int\"  ]", "[\"int\"]", -5232228896498058493 },
        { "[ \"int\" , {\"type\":\"boolean\"} ]", "[\"int\",\"boolean\"]", 5392556393470105090 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"namespace\":\"x.y\"}", "{\"name\":\"x.y.foo\",\"type\":\"record\",\"fields\":[]}", 5916914534497305771 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"a.b.foo\", \"namespace\":\"x.y\"}", "{\"name\":\"a.b.foo\",\"type\":\"record\",\"fields\":[]}", -4616218487480524110 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"Useful info\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[{\"type\":{\"type\":\"boolean\"}, \"name\":\"f1\"}], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}", 7843277075252814651 },
        {
            "{ \"fields\":[{\"type\":\"boolean\", \"aliases\":[], \"name\":\"f1\", \"default\":true},\n{\"order\":\"descending\",\"name\":\"f2\",\"doc\":\"Hello\",\"type\":\"int\"}],\"type\":\"record\", \"name\":\"foo\"}",
            "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"},{\"name\":\"f2\",\"type\":\"int\"}]}",
            -4860222112080293046
        },
        { "{\"type\":\"enum\", \"name\":\"foo\", \"symbols\":[\"A1\"]}", "{\"name\":\"foo\",\"type\":\"enum\",\"symbols\":[\"A1\"]}", -6342190197741309591 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"enum\", \"name\":\"foo\", \"doc\":\"foo bar\", \"symbols\":[\"A1\", \"A2\"]}", "{\"name\":\"x.y.z.foo\",\"type\":\"enum\",\"symbols\":[\"A1\",\"A2\"]}", -4448647247586288245 },
        { "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", 1756455273707447556 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"fixed\", \"name\":\"foo\", \"doc\":\"foo bar\", \"size\":32}", "{\"name\":\"x.y.z.foo\",\"type\":\"fixed\",\"size\":32}", -3064184465700546786 },
        { "{ \"items\":{\"type\":\"null\"}, \"type\":\"array\"}", "{\"type\":\"array\",\"items\":\"null\"}", -589620603366471059 },
        { "{ \"values\":\"string\", \"type\":\"map\"}", "{\"type\":\"map\",\"values\":\"string\"}", -8732877298790414990 },
        {
            "{\"name\":\"PigValue\",\"type\":\"record\",\n   \"fields\":[{\"name\":\"value\", \"type\":[\"null\", \"int\", \"long\", \"PigValue\"]}]}",
            "{\"name\":\"PigValue\",\"type\":\"record\",\"fields\":[{\"name\":\"value\",\"type\":[\"null\",\"int\",\"long\",\"PigValue\"]}]}",
            -1759257747318642341
        },
    };

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void CanonicalForm_SpecVector_MatchesExpected(string input, string canonical, long fingerprint)
    {
        var schema = AvroSchema.Parse(input);

        Assert.Equal(canonical, schema.CanonicalForm);
        Assert.Equal(fingerprint, schema.Fingerprint);
    }

    [Fact]
    public void CanonicalForm_LogicalTypeAndCustomAttributes_AreStripped()
    {
        var schema = AvroSchema.Parse("""{"type":"long","logicalType":"timestamp-millis","x-owner":"payments"}""");

        Assert.Equal("\"long\"", schema.CanonicalForm);
    }

    [Fact]
    public void CanonicalForm_NestedNamedTypeInheritsNamespace_UsesFullNames()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"inner","type":{"type":"enum","name":"Kind","symbols":["X"]}},
              {"name":"again","type":"Kind"}]}
            """);

        Assert.Equal(
            """{"name":"a.b.Outer","type":"record","fields":[{"name":"inner","type":{"name":"a.b.Kind","type":"enum","symbols":["X"]}},{"name":"again","type":"a.b.Kind"}]}""",
            schema.CanonicalForm);
    }

    [Fact]
    public void Crc64Avro_EmptyInput_IsTheSpecEmptyValue()
    {
        Assert.Equal(unchecked((long)0xc15d213aa4d7a795UL), Crc64Avro.Compute(ReadOnlySpan<byte>.Empty));
    }
}
