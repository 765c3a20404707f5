using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Tests.Binary;

/// <summary>Corrupt and truncated input: every failure class is an <see cref="AvroDecodeException"/> with the offset.</summary>
public class AvroReaderTests
{
    private delegate void ReadAction(ref AvroReader reader);

    [Theory]
    [InlineData("", 0)]
    [InlineData("80", 1)]
    [InlineData("FFFF", 2)]
    public void ReadLong_Truncated_ThrowsAtEnd(string hex, long offset)
    {
        var e = Decode(hex, (ref AvroReader r) => r.ReadLong());

        Assert.Contains("unexpected end of input", e.Reason);
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void ReadLong_VarintLongerThanTenBytes_Throws()
    {
        var e = Decode("FFFFFFFFFFFFFFFFFFFF01", (ref AvroReader r) => r.ReadLong());

        Assert.Contains("longer than 10 bytes", e.Reason);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void ReadLong_TenthByteOverflows_Throws()
    {
        var e = Decode("FFFFFFFFFFFFFFFFFF7F", (ref AvroReader r) => r.ReadLong());

        Assert.Contains("overflows 64 bits", e.Reason);
    }

    [Theory]
    [InlineData("FFFFFFFF1F")]
    [InlineData("FFFFFFFFFF01")]
    public void ReadInt_OutOfRange_Throws(string hex)
    {
        var e = Decode(hex, (ref AvroReader r) => r.ReadInt());

        Assert.Contains("is out of range", e.Reason);
    }

    [Fact]
    public void ReadString_NegativeLength_Throws()
    {
        var e = Decode("01", (ref AvroReader r) => r.ReadString());

        Assert.Contains("negative length -1", e.Reason);
    }

    [Fact]
    public void ReadBytes_LengthBeyondInput_ThrowsWithoutAllocating()
    {
        var e = Decode("FEFFFFFFFFFFFFFFFF01", (ref AvroReader r) => r.ReadBytes());

        Assert.Contains("exceeds the remaining 0 bytes", e.Reason);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void ReadString_InvalidUtf8_Throws()
    {
        var e = Decode("04C328", (ref AvroReader r) => r.ReadString());

        Assert.Contains("not valid UTF-8", e.Reason);
        Assert.IsType<System.Text.DecoderFallbackException>(e.InnerException);
    }

    [Fact]
    public void ReadBoolean_ByteOtherThanZeroOrOne_Throws()
    {
        var e = Decode("02", (ref AvroReader r) => r.ReadBoolean());

        Assert.Contains("invalid boolean", e.Reason);
    }

    [Fact]
    public void ReadDouble_Truncated_Throws()
    {
        var e = Decode("000000", (ref AvroReader r) => r.ReadDouble());

        Assert.Contains("needed 8", e.Reason);
    }

    [Fact]
    public void ReadFixed_Truncated_Throws()
    {
        var e = Decode("0102", (ref AvroReader r) => r.ReadFixed(4));

        Assert.Contains("unexpected end of input", e.Reason);
    }

    [Theory]
    [InlineData("06", 3)]
    [InlineData("01", 3)]
    public void ReadUnionIndex_OutOfRange_Throws(string hex, int branches)
    {
        var e = Decode(hex, (ref AvroReader r) => r.ReadUnionIndex(branches));

        Assert.Contains("union index", e.Reason);
        Assert.Contains("out of range", e.Reason);
    }

    [Fact]
    public void ReadEnum_OutOfRange_Throws()
    {
        var e = Decode("04", (ref AvroReader r) => r.ReadEnum(2));

        Assert.Contains("enum index 2 is out of range", e.Reason);
    }

    [Fact]
    public void ReadBlockCount_NegativeCountWithSize_ReturnsCountAndSize()
    {
        var reader = new AvroReader(Convert.FromHexString("0306AABBCC"));

        var count = reader.ReadBlockCount(out var size);

        Assert.Equal(2, count);
        Assert.Equal(3, size);
    }

    [Fact]
    public void ReadBlockCount_ByteSizeBeyondInput_Throws()
    {
        var e = Decode("0314", (ref AvroReader r) => r.ReadBlockCount());

        Assert.Contains("block byte size 10", e.Reason);
    }

    [Fact]
    public void ReadBlockCount_Huge_Throws()
    {
        var e = Decode("FEFFFFFFFFFFFFFFFF01", (ref AvroReader r) => r.ReadBlockCount());

        Assert.Contains("too large", e.Reason);
    }

    [Fact]
    public void Offset_WithBaseOffset_IsReportedInErrors()
    {
        var e = Decode("00", (ref AvroReader r) =>
        {
            r.ReadLong();
            r.ReadLong();
        }, baseOffset: 5);

        Assert.Equal(6, e.Offset);
        Assert.EndsWith("(at byte offset 6)", e.Message);
    }

    private static AvroDecodeException Decode(string hex, ReadAction read, long baseOffset = 0)
    {
        var bytes = Convert.FromHexString(hex);
        try
        {
            var reader = new AvroReader(bytes, baseOffset);
            read(ref reader);
        }
        catch (AvroDecodeException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException($"decoding {hex} did not throw");
    }
}
