using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class FixedRoundTripTests
{
    private static readonly FixedSchema Md5 = (FixedSchema)AvroSchema.Parse("""{"type":"fixed","name":"Md5","size":4}""");

    [Fact]
    public void Serialize_Fixed_IsRawBytesWithoutLength()
    {
        var value = new GenericFixed(Md5, [1, 2, 3, 0xff]);

        Assert.Equal("010203FF", Convert.ToHexString(new GenericDatumWriter(Md5).Serialize(value)));
        RoundTrip.AssertBoth(Md5, value);
    }

    [Fact]
    public void Write_ByteArrayOfRightSize_IsAccepted()
    {
        RoundTrip.AssertBoth(Md5, new byte[] { 9, 8, 7, 6 }, new GenericFixed(Md5, [9, 8, 7, 6]));
    }

    [Fact]
    public void Write_WrongSize_Throws()
    {
        Assert.Throws<AvroEncodeException>(() => new GenericDatumWriter(Md5).Serialize(new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new GenericFixed(Md5, [1]));
    }

    [Fact]
    public void Read_Truncated_ThrowsDecodeException()
    {
        Assert.Throws<AvroDecodeException>(() => new GenericDatumReader(Md5).Read([1, 2, 3]));
    }
}
