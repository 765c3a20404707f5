using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class UnionRoundTripTests
{
    private static readonly UnionSchema Mixed = (UnionSchema)AvroSchema.Parse("""
        ["null","boolean","int","long","double","string","bytes",
         {"type":"enum","name":"E","symbols":["A","B"]},
         {"type":"record","name":"R","fields":[{"name":"x","type":"int"}]},
         {"type":"array","items":"int"},{"type":"map","values":"string"}]
        """);

    public static TheoryData<object?, int> BranchValues => new()
    {
        { null, 0 },
        { true, 1 },
        { 5, 2 },
        { 5L, 3 },
        { 2.5, 4 },
        { "text", 5 },
        { new byte[] { 1 }, 6 },
        { new List<object?> { 1, 2 }, 9 },
        { new Dictionary<string, object?> { ["k"] = "v" }, 10 },
    };

    [Theory]
    [MemberData(nameof(BranchValues))]
    public void Serialize_Value_SelectsBranchByType(object? value, int branch)
    {
        var bytes = new GenericDatumWriter(Mixed).Serialize(value);

        Assert.Equal(branch, new OrderStreams.Avro.Binary.AvroReader(bytes).ReadUnionIndex(Mixed.Branches.Count));
        RoundTrip.AssertBoth(Mixed, value);
    }

    [Fact]
    public void RoundTrip_NamedBranches_ReturnEqualValues()
    {
        RoundTrip.AssertBoth(Mixed, new GenericEnum((EnumSchema)Mixed.Branches[7], "B"));
        RoundTrip.AssertBoth(Mixed, new GenericRecord((RecordSchema)Mixed.Branches[8]) { ["x"] = 3 });
    }

    [Fact]
    public void Write_ValueMatchingNoBranch_Throws()
    {
        var optionalInt = AvroSchema.Parse("""["null","int"]""");

        var e = Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(optionalInt).Serialize("x"));

        Assert.Contains("matches no branch", e.Message);
    }

    [Fact]
    public void Read_IndexOutOfRange_ThrowsDecodeException()
    {
        var optionalInt = AvroSchema.Parse("""["null","int"]""");

        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(optionalInt).Read([4]));

        Assert.Contains("union index 2 is out of range", e.Message);
    }
}
