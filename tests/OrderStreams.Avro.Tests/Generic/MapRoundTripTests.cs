using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class MapRoundTripTests
{
    private static readonly MapSchema Counts = (MapSchema)AvroSchema.Parse("""{"type":"map","values":"int"}""");

    [Fact]
    public void RoundTrip_Map_ReturnsSameEntries()
    {
        RoundTrip.AssertBoth(Counts, new Dictionary<string, object?> { ["a"] = 1, ["\u00e9"] = -2, [""] = 0 });
    }

    [Fact]
    public void RoundTrip_Empty_ReturnsEmptyMap()
    {
        RoundTrip.AssertBoth(Counts, new Dictionary<string, object?>());
    }

    [Fact]
    public void RoundTrip_MapOfRecords_ReturnsSameRecords()
    {
        var schema = (MapSchema)AvroSchema.Parse("""{"type":"map","values":{"type":"record","name":"P","fields":[{"name":"x","type":"double"}]}}""");
        var point = new GenericRecord((RecordSchema)schema.Values) { ["x"] = 1.5 };

        RoundTrip.AssertBoth(schema, new Dictionary<string, object?> { ["p"] = point });
    }

    [Fact]
    public void Serialize_OneEntry_IsCountKeyValueEnd()
    {
        var bytes = new GenericDatumWriter(Counts).Serialize(new Dictionary<string, object?> { ["a"] = 1 });

        Assert.Equal("0202610200", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Read_KeyWithInvalidUtf8_ThrowsDecodeException()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Counts).Read(Convert.FromHexString("0202FF0200")));

        Assert.Contains("UTF-8", e.Message);
        Assert.Equal(1, e.Offset);
    }
}
