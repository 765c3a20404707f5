using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Tests.Binary;

public class LogicalTypeRoundTripTests
{
    private delegate T ReadFunc<out T>(ref AvroReader reader);

    [Theory]
    [InlineData("0", 2)]
    [InlineData("12.34", 2)]
    [InlineData("-12.34", 2)]
    [InlineData("-1.28", 2)]
    [InlineData("1.5", 4)]
    [InlineData("79228162514264337593543950335", 0)]
    [InlineData("-7922816251426433759354395.0335", 4)]
    public void Decimal_Bytes_RoundTrips(string text, int scale)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var read = RoundTrip((ref AvroWriter w) => w.WriteDecimal(value, scale), (ref AvroReader r) => r.ReadDecimal(scale));

        Assert.Equal(value, read);
        Assert.Equal(scale, read.Scale);
    }

    [Theory]
    [InlineData("21.180", 3, "00000000000052BC")]
    [InlineData("-0.001", 3, "FFFFFFFFFFFFFFFF")]
    public void Decimal_Fixed_IsSignExtendedToSize(string text, int scale, string hex)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(hex, AvroBytes.Hex((ref AvroWriter w) => w.WriteFixedDecimal(value, 8, scale)));
        Assert.Equal(value, RoundTrip((ref AvroWriter w) => w.WriteFixedDecimal(value, 8, scale), (ref AvroReader r) => r.ReadFixedDecimal(8, scale)));
    }

    [Fact]
    public void Decimal_LongSignExtendedBytes_Decode()
    {
        var bytes = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF85");

        Assert.Equal(-1.23m, LogicalValues.ToDecimal(bytes, 2));
    }

    [Fact]
    public void Decimal_BeyondSystemDecimal_ThrowsDecodeException()
    {
        var bytes = Convert.FromHexString("01000000000000000000000000");

        Assert.Throws<AvroDecodeException>(() => LogicalValues.ToDecimal(bytes, 0));
    }

    [Fact]
    public void Decimal_TooLargeForFixed_ThrowsEncodeException()
    {
        Assert.Throws<AvroEncodeException>(() => AvroBytes.Hex((ref AvroWriter w) => w.WriteFixedDecimal(1000m, 1, 0)));
    }

    [Fact]
    public void Uuid_RoundTrips_AsCanonicalString()
    {
        var uuid = Guid.Parse("6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7c");

        Assert.Equal(uuid, RoundTrip((ref AvroWriter w) => w.WriteUuid(uuid), (ref AvroReader r) => r.ReadUuid()));
        Assert.Equal(uuid.ToString(), RoundTrip((ref AvroWriter w) => w.WriteUuid(uuid), (ref AvroReader r) => r.ReadString()));
    }

    [Theory]
    [InlineData("6F1C2A3E-8D4B-4F5A-9C7E-2B1D0E9F8A7C")]
    [InlineData("{6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7c}")]
    [InlineData("6f1c2a3e8d4b4f5a9c7e2b1d0e9f8a7c")]
    public void Uuid_OtherSpellings_StillRead(string text)
    {
        Assert.Equal(Guid.Parse("6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7c"), RoundTrip((ref AvroWriter w) => w.WriteString(text), (ref AvroReader r) => r.ReadUuid()));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7x")]
    public void Uuid_NotAUuid_ThrowsDecodeException(string text)
    {
        Assert.Throws<AvroDecodeException>(() => RoundTrip((ref AvroWriter w) => w.WriteString(text), (ref AvroReader r) => r.ReadUuid()));
    }

    [Theory]
    [InlineData(1970, 1, 1, 0)]
    [InlineData(1969, 12, 31, -1)]
    [InlineData(2024, 2, 29, 19782)]
    public void Date_IsDaysSinceEpoch(int year, int month, int day, int days)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(days, LogicalValues.FromDate(date));
        Assert.Equal(date, RoundTrip((ref AvroWriter w) => w.WriteDate(date), (ref AvroReader r) => r.ReadDate()));
    }

    [Fact]
    public void Timestamps_BeforeEpoch_FloorToTheUnit()
    {
        var justBefore = DateTimeOffset.UnixEpoch.AddTicks(-1);

        Assert.Equal(-1, LogicalValues.FromTimestampMillis(justBefore));
        Assert.Equal(-1, LogicalValues.FromTimestampMicros(justBefore));
    }

    [Fact]
    public void Timestamps_RoundTripAtTheirPrecision()
    {
        var at = new DateTimeOffset(2024, 5, 1, 8, 30, 0, 123, 456, TimeSpan.FromHours(2));

        Assert.Equal(at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond)), RoundTrip((ref AvroWriter w) => w.WriteTimestampMillis(at), (ref AvroReader r) => r.ReadTimestampMillis()));
        Assert.Equal(at, RoundTrip((ref AvroWriter w) => w.WriteTimestampMicros(at), (ref AvroReader r) => r.ReadTimestampMicros()));
    }

    [Fact]
    public void LocalTimestamps_KeepWallClockTime()
    {
        var local = new DateTime(2024, 5, 1, 8, 30, 0, 123, 456, DateTimeKind.Unspecified);

        Assert.Equal(local, RoundTrip((ref AvroWriter w) => w.WriteLocalTimestampMicros(local), (ref AvroReader r) => r.ReadLocalTimestampMicros()));
        Assert.Equal(local.AddTicks(-4560), RoundTrip((ref AvroWriter w) => w.WriteLocalTimestampMillis(local), (ref AvroReader r) => r.ReadLocalTimestampMillis()));
    }

    [Fact]
    public void ReadTimestampMillis_OutOfRange_ThrowsDecodeExceptionWithOffset()
    {
        var bytes = Convert.FromHexString("00" + AvroBytes.Hex((ref AvroWriter w) => w.WriteLong(long.MaxValue)));
        var reader = new AvroReader(bytes, baseOffset: 5);
        reader.ReadBoolean();

        try
        {
            reader.ReadTimestampMillis();
            Assert.Fail("expected an exception");
        }
        catch (AvroDecodeException e)
        {
            Assert.Equal(6, e.Offset);
            Assert.Contains("timestamp-millis value", e.Message);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_400_000)]
    public void ToTimeMillis_OutsideTheDay_ThrowsDecodeException(int millis)
    {
        Assert.Throws<AvroDecodeException>(() => LogicalValues.ToTimeMillis(millis));
    }

    [Fact]
    public void ToDate_BeyondDateOnly_ThrowsDecodeException()
    {
        Assert.Throws<AvroDecodeException>(() => LogicalValues.ToDate(int.MaxValue));
        Assert.Equal(DateOnly.MinValue, LogicalValues.ToDate(LogicalValues.FromDate(DateOnly.MinValue)));
    }

    [Fact]
    public void Times_RoundTrip()
    {
        var time = new TimeOnly(23, 59, 59, 999, 999);

        Assert.Equal(new TimeOnly(23, 59, 59, 999), RoundTrip((ref AvroWriter w) => w.WriteTimeMillis(time), (ref AvroReader r) => r.ReadTimeMillis()));
        Assert.Equal(time, RoundTrip((ref AvroWriter w) => w.WriteTimeMicros(time), (ref AvroReader r) => r.ReadTimeMicros()));
    }

    private static T RoundTrip<T>(WriteAction write, ReadFunc<T> read)
    {
        var bytes = Convert.FromHexString(AvroBytes.Hex(write));
        var reader = new AvroReader(bytes);
        var value = read(ref reader);
        Assert.True(reader.IsAtEnd);
        return value;
    }
}
