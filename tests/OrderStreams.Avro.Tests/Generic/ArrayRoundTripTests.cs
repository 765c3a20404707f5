using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class ArrayRoundTripTests
{
    private static readonly ArraySchema Longs = (ArraySchema)AvroSchema.Parse("""{"type":"array","items":"long"}""");

    [Fact]
    public void RoundTrip_Empty_ReturnsEmptyList()
    {
        RoundTrip.AssertBoth(Longs, new List<object?>());
    }

    [Fact]
    public void RoundTrip_ManyItems_ReturnsSameItems()
    {
        RoundTrip.AssertBoth(Longs, Enumerable.Range(0, 1000).Select(i => (object?)(i * 1_000_003L)).ToList());
    }

    [Fact]
    public void RoundTrip_NestedArrays_ReturnsSameStructure()
    {
        var schema = AvroSchema.Parse("""{"type":"array","items":{"type":"array","items":"string"}}""");

        RoundTrip.AssertBoth(schema, new List<object?> { new List<object?> { "a", "b" }, new List<object?>() });
    }

    [Fact]
    public void Write_AnyEnumerable_IsAccepted()
    {
        RoundTrip.AssertBoth(Longs, new long[] { 1, 2 }, new List<object?> { 1L, 2L });
    }

    [Fact]
    public void Read_SeveralBlocksWithNegativeCounts_ReturnsAllItems()
    {
        // Block 1: count -2 with byte size 2, items 1, 2; block 2: count 1, item 3; end.
        var bytes = Convert.FromHexString("03040204020600");

        var list = new GenericDatumReader(Longs).Read(bytes);

        RoundTrip.AssertEqual(new List<object?> { 1L, 2L, 3L }, list);
    }

    [Fact]
    public void Skip_ArrayWithByteSizes_SkipsWholeBlocks()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}},{"name":"b","type":"int"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}""");
        var bytes = Convert.FromHexString("03040204" + "00" + "0E");

        var record = (GenericRecord)new GenericDatumReader(writer, reader).Read(bytes)!;

        Assert.Equal(7, record["b"]);
    }

    [Fact]
    public void Read_BlockCountBeyondInput_ThrowsBeforeAllocating()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Longs).Read(Convert.FromHexString("FEFFFFFF0F02")));

        Assert.Contains("exceeds the remaining", e.Message);
    }

    [Fact]
    public void Read_MissingEndMarker_ThrowsDecodeException()
    {
        Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Longs).Read(Convert.FromHexString("0402")));
    }
}
