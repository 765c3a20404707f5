using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class PrimitiveRoundTripTests
{
    public static TheoryData<string, object?> Values => new()
    {
        { "null", null },
        { "boolean", true },
        { "boolean", false },
        { "int", 0 },
        { "int", -1 },
        { "int", int.MaxValue },
        { "int", int.MinValue },
        { "long", 0L },
        { "long", long.MaxValue },
        { "long", long.MinValue },
        { "long", -4_000_000_000L },
        { "float", 0f },
        { "float", -1.25f },
        { "float", float.MaxValue },
        { "float", float.NaN },
        { "float", float.NegativeInfinity },
        { "double", 3.141592653589793 },
        { "double", double.Epsilon },
        { "double", double.PositiveInfinity },
        { "double", double.NaN },
        { "bytes", Array.Empty<byte>() },
        { "bytes", new byte[] { 0, 0x7f, 0x80, 0xff } },
        { "string", "" },
        { "string", "orders.placed" },
        { "string", "caf\u00e9 \u4e2d\u6587 \ud83c\udf55" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void RoundTrip_Primitive_ReturnsSameValue(string type, object? value)
    {
        RoundTrip.AssertBoth(AvroSchema.Parse($"\"{type}\""), value);
    }

    [Fact]
    public void Serialize_LongString_UsesMultiByteLengthPrefix()
    {
        var text = new string('x', 300);

        var bytes = new GenericDatumWriter(AvroSchema.String).Serialize(text);

        Assert.Equal(302, bytes.Length);
        Assert.Equal(text, new GenericDatumReader(AvroSchema.String).Read(bytes));
    }

    [Fact]
    public void Write_IntWhereLongExpected_IsWidened()
    {
        RoundTrip.AssertBoth(AvroSchema.Long, 5, 5L);
    }

    [Fact]
    public void Write_StringWhereIntExpected_ThrowsEncodeException()
    {
        var e = Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(AvroSchema.Int).Serialize("5"));

        Assert.Contains("expected a value for 'int', got String", e.Message);
    }

    [Fact]
    public void Read_TrailingBytes_ThrowsDecodeException()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(AvroSchema.Int).Read([2, 0]));

        Assert.Equal(1, e.Offset);
    }
}
