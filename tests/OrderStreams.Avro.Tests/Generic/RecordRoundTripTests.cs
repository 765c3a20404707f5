using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class RecordRoundTripTests
{
    private static readonly RecordSchema Order = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Order","namespace":"t","fields":[
          {"name":"id","type":"string"},
          {"name":"branch","type":"int"},
          {"name":"customer","type":{"type":"record","name":"Customer","fields":[
            {"name":"name","type":"string"},{"name":"vip","type":"boolean"}]}},
          {"name":"empty","type":{"type":"record","name":"Empty","fields":[]}}]}
        """);

    private static readonly RecordSchema Node = (RecordSchema)AvroSchema.Parse(
        """{"type":"record","name":"Node","fields":[{"name":"label","type":"string"},{"name":"next","type":["null","Node"]}]}""");

    [Fact]
    public void RoundTrip_NestedRecord_ReturnsEqualRecord()
    {
        RoundTrip.AssertBoth(Order, NewOrder());
    }

    [Fact]
    public void RoundTrip_RecursiveRecord_ReturnsEqualChain()
    {
        var tail = new GenericRecord(Node) { ["label"] = "b", ["next"] = null };
        var head = new GenericRecord(Node) { ["label"] = "a", ["next"] = tail };

        RoundTrip.AssertBoth(Node, head);
    }

    [Fact]
    public void Indexers_ByNameAndPosition_AreTheSameField()
    {
        var order = NewOrder();

        Assert.Equal("o-1", order[0]);
        Assert.Equal(order["branch"], order[1]);
        Assert.Throws<KeyNotFoundException>(() => order["missing"]);
        Assert.False(order.TryGetValue("missing", out _));
    }

    [Fact]
    public void Write_FieldOfWrongType_ThrowsWithFieldPath()
    {
        var order = NewOrder();
        ((GenericRecord)order["customer"]!)["vip"] = "yes";

        var e = Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(Order).Serialize(order));

        Assert.Equal("$.customer.vip", e.Path);
        Assert.StartsWith("$.customer.vip: expected a value for 'boolean'", e.Message);
    }

    [Fact]
    public void Read_TruncatedRecord_ThrowsDecodeException()
    {
        var bytes = new GenericDatumWriter(Order).Serialize(NewOrder());

        Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Order).Read(bytes.AsSpan(0, bytes.Length - 2)));
    }

    private static GenericRecord NewOrder()
    {
        var customer = new GenericRecord((RecordSchema)Order.GetField("customer").Schema) { ["name"] = "Ada", ["vip"] = true };
        return new GenericRecord(Order)
        {
            ["id"] = "o-1",
            ["branch"] = 7,
            ["customer"] = customer,
            ["empty"] = new GenericRecord((RecordSchema)Order.GetField("empty").Schema),
        };
    }
}
