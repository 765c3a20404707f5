using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Json;

public class AvroJsonTests
{
    private static readonly RecordSchema Event = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Event","namespace":"t","fields":[
          {"name":"id","type":"string"},
          {"name":"payload","type":"bytes"},
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":2}},
          {"name":"amount","type":["null","long","t.Money"]},
          {"name":"tags","type":{"type":"map","values":{"type":"array","items":"int"}}},
          {"name":"ratio","type":"double"}],
         "aliases":[]}
        """.Replace("\"t.Money\"", """{"type":"record","name":"Money","fields":[{"name":"cents","type":"long"}]}"""));

    [Fact]
    public void ToJson_Record_FollowsTheSpecEncoding()
    {
        var json = AvroJson.ToJson(NewEvent(amount: 42L), Event);

        Assert.Equal(
            """{"id":"e-1","payload":"\u0000ÿ","kind":"B","hash":"ab","amount":{"long":42},"tags":{"x":[1,2]},"ratio":0.5}""",
            json);
    }

    [Fact]
    public void ToJson_NamedUnionBranch_UsesFullName()
    {
        var money = new GenericRecord((RecordSchema)((UnionSchema)Event.GetField("amount").Schema).Branches[2]) { ["cents"] = 5L };

        var json = AvroJson.ToJson(NewEvent(amount: money), Event);

        Assert.Contains("\"amount\":{\"t.Money\":{\"cents\":5}}", json);
    }

    [Fact]
    public void ToJson_NullUnion_IsPlainNull()
    {
        Assert.Contains("\"amount\":null", AvroJson.ToJson(NewEvent(amount: null), Event));
    }

    [Fact]
    public void FromJson_ToJsonOutput_ReturnsEqualRecord()
    {
        var original = NewEvent(amount: 42L);

        RoundTrip.AssertEqual(original, AvroJson.FromJson(AvroJson.ToJson(original, Event, indented: true), Event));
    }

    [Fact]
    public void FromJson_MissingFieldWithDefault_UsesDefault()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}]}""");

        var record = (GenericRecord)AvroJson.FromJson("""{"a":1}""", schema)!;

        Assert.Equal("x", record["b"]);
    }

    [Theory]
    [InlineData("""{"a":"1"}""", "$.a: expected a JSON value for 'int'")]
    [InlineData("""{}""", "missing field 'a'")]
    [InlineData("""{"a":1,"z":2}""", "record 'R' has no field 'z'")]
    [InlineData("""{"a":1,"u":{"double":1.0}}""", "$.u: 'double' is not a branch of the union")]
    [InlineData("""{"a":1,"u":5}""", "$.u: a union value must be null or an object naming its branch")]
    [InlineData("""{"a":""", "invalid JSON")]
    public void FromJson_Invalid_ThrowsWithPath(string json, string expected)
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"u","type":["null","int"],"default":null}]}""");

        var e = Assert.Throws<AvroDecodeException>(() => AvroJson.FromJson(json, schema));

        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Json_NonFiniteDoubles_AreStrings()
    {
        Assert.Equal("\"NaN\"", AvroJson.ToJson(double.NaN, AvroSchema.Double));
        Assert.Equal(double.NegativeInfinity, AvroJson.FromJson("\"-Infinity\"", AvroSchema.Double));
    }

    private static GenericRecord NewEvent(object? amount) => new(Event)
    {
        ["id"] = "e-1",
        ["payload"] = new byte[] { 0, 0xff },
        ["kind"] = new GenericEnum((EnumSchema)Event.GetField("kind").Schema, "B"),
        ["hash"] = new GenericFixed((FixedSchema)Event.GetField("hash").Schema, "ab"u8.ToArray()),
        ["amount"] = amount,
        ["tags"] = new Dictionary<string, object?> { ["x"] = new List<object?> { 1, 2 } },
        ["ratio"] = 0.5,
    };
}
