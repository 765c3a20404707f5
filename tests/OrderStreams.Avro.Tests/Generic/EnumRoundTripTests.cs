using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class EnumRoundTripTests
{
    private static readonly EnumSchema Status = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"Status","symbols":["PLACED","PAID","DELIVERED"]}""");

    [Theory]
    [InlineData("PLACED", "00")]
    [InlineData("PAID", "02")]
    [InlineData("DELIVERED", "04")]
    public void Serialize_Symbol_IsItsIndex(string symbol, string hex)
    {
        var value = new GenericEnum(Status, symbol);

        Assert.Equal(hex, Convert.ToHexString(new GenericDatumWriter(Status).Serialize(value)));
        RoundTrip.AssertBoth(Status, value);
    }

    [Fact]
    public void Write_SymbolAsString_IsAccepted()
    {
        RoundTrip.AssertBoth(Status, "PAID", new GenericEnum(Status, 1));
    }

    [Fact]
    public void Write_UnknownSymbol_Throws()
    {
        Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(Status).Serialize("LOST"));
    }

    [Fact]
    public void Read_IndexOutOfRange_ThrowsDecodeException()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Status).Read([6]));

        Assert.Contains("enum index 3 is out of range", e.Message);
    }
}
