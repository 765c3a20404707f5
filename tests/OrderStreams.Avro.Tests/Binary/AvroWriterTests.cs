using System.Buffers;
using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Tests.Binary;

public class AvroWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "FEFFFFFFFFFFFFFFFF01")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    public void WriteLong_SpecZigZagExamples_EncodeAsExpected(long value, string hex)
    {
        Assert.Equal(hex, AvroBytes.Hex((ref AvroWriter w) => w.WriteLong(value)));
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(int.MaxValue, "FEFFFFFF0F")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    public void WriteInt_Values_EncodeAsZigZagVarint(int value, string hex)
    {
        Assert.Equal(hex, AvroBytes.Hex((ref AvroWriter w) => w.WriteInt(value)));
    }

    [Fact]
    public void WriteString_Foo_IsLengthThenUtf8()
    {
        Assert.Equal("06666F6F", AvroBytes.Hex((ref AvroWriter w) => w.WriteString("foo")));
    }

    [Fact]
    public void WriteString_UnpairedSurrogate_ThrowsEncodeException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(buffer);

        try
        {
            writer.WriteString("\ud800");
            Assert.Fail("expected an exception");
        }
        catch (AvroEncodeException e)
        {
            Assert.Contains("surrogate", e.Message);
        }
    }

    [Fact]
    public void WriteString_Null_ThrowsEncodeException()
    {
        Assert.Throws<AvroEncodeException>(() => AvroBytes.Hex((ref AvroWriter w) => w.WriteString((string)null!)));
    }

    [Fact]
    public void WriteFloatAndDouble_AreLittleEndianIeee()
    {
        Assert.Equal("0000C03F", AvroBytes.Hex((ref AvroWriter w) => w.WriteFloat(1.5f)));
        Assert.Equal("000000000000F83F", AvroBytes.Hex((ref AvroWriter w) => w.WriteDouble(1.5)));
    }

    [Fact]
    public void WriteArray_TwoItems_IsOneBlockThenZero()
    {
        Assert.Equal("04063600", AvroBytes.Hex((ref AvroWriter w) =>
        {
            w.WriteArrayStart(2);
            w.WriteLong(3);
            w.WriteLong(27);
            w.WriteArrayEnd();
        }));
    }

    [Fact]
    public void WriteArrayStart_Empty_WritesOnlyTheEnd()
    {
        Assert.Equal("00", AvroBytes.Hex((ref AvroWriter w) =>
        {
            w.WriteArrayStart(0);
            w.WriteArrayEnd();
        }));
    }

    [Fact]
    public void Write_ManyValuesThroughSmallSegments_AllReachTheOutput()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        var writer = new AvroWriter(buffer);
        for (var i = 0; i < 1000; i++)
            writer.WriteString("value-" + i);
        writer.Flush();

        var reader = new AvroReader(buffer.WrittenSpan);
        for (var i = 0; i < 1000; i++)
            Assert.Equal("value-" + i, reader.ReadString());
        Assert.True(reader.IsAtEnd);
        Assert.Equal(buffer.WrittenCount, writer.BytesWritten);
    }

    [Fact]
    public void Write_FixedSpanLargeEnough_WritesExactly()
    {
        Span<byte> destination = stackalloc byte[6];
        var writer = new AvroWriter(destination);

        writer.WriteLong(64);
        writer.WriteBoolean(true);
        writer.WriteString("ab");

        Assert.Equal(6, writer.BytesWritten);
        Assert.Equal("800101046162", Convert.ToHexString(destination));
    }

    [Fact]
    public void Write_FixedSpanTooSmall_ThrowsEncodeException()
    {
        var destination = new byte[2];

        var e = Assert.Throws<AvroEncodeException>(() =>
        {
            var writer = new AvroWriter(destination);
            writer.WriteString("abc");
        });

        Assert.Contains("too small", e.Message);
    }

    [Fact]
    public void WriteDecimal_Scale2_IsMinimalTwosComplementBytes()
    {
        Assert.Equal("0404D2", AvroBytes.Hex((ref AvroWriter w) => w.WriteDecimal(12.34m, 2)));
        Assert.Equal("02FF", AvroBytes.Hex((ref AvroWriter w) => w.WriteDecimal(-0.01m, 2)));
        Assert.Equal("0280", AvroBytes.Hex((ref AvroWriter w) => w.WriteDecimal(-1.28m, 2)));
        Assert.Equal("040080", AvroBytes.Hex((ref AvroWriter w) => w.WriteDecimal(1.28m, 2)));
    }

    [Fact]
    public void WriteDecimal_TooManyFractionalDigits_Throws()
    {
        Assert.Throws<AvroEncodeException>(() => AvroBytes.Hex((ref AvroWriter w) => w.WriteDecimal(1.234m, 2)));
    }
}
