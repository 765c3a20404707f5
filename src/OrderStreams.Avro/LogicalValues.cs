namespace OrderStreams.Avro;

/// <summary>
/// Conversions between logical-type values and their underlying Avro values (the generic representation keeps the
/// underlying value: int days for <c>date</c>, long micros for <c>timestamp-micros</c>, big-endian two's-complement
/// bytes for <c>decimal</c>, the string for <c>uuid</c>).
/// </summary>
public static class LogicalValues
{
    /// <summary>The most bytes an unscaled decimal from <see cref="decimal"/> needs (a 128-bit two's-complement value).</summary>
    public const int MaxDecimalBytes = 16;

    private const long TicksPerMicro = TimeSpan.TicksPerMillisecond / 1000;
    private static readonly DateOnly Epoch = new(1970, 1, 1);
    private static readonly Int128[] PowersOfTen = BuildPowers();

    public static DateOnly ToDate(int daysSinceEpoch) => Epoch.AddDays(daysSinceEpoch);

    public static int FromDate(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    public static TimeOnly ToTimeMillis(int millisOfDay) => new(millisOfDay * TimeSpan.TicksPerMillisecond);

    public static int FromTimeMillis(TimeOnly time) => (int)(time.Ticks / TimeSpan.TicksPerMillisecond);

    public static TimeOnly ToTimeMicros(long microsOfDay) => new(microsOfDay * TicksPerMicro);

    public static long FromTimeMicros(TimeOnly time) => time.Ticks / TicksPerMicro;

    public static DateTimeOffset ToTimestampMillis(long millis) => DateTimeOffset.UnixEpoch.AddTicks(millis * TimeSpan.TicksPerMillisecond);

    public static long FromTimestampMillis(DateTimeOffset value) => FloorDiv(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerMillisecond);

    public static DateTimeOffset ToTimestampMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TicksPerMicro);

    public static long FromTimestampMicros(DateTimeOffset value) => FloorDiv(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TicksPerMicro);

    /// <summary>A local timestamp: a calendar date and time with no time zone (<see cref="DateTimeKind.Unspecified"/>).</summary>
    public static DateTime ToLocalTimestampMillis(long millis) => new(DateTime.UnixEpoch.Ticks + millis * TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);

    public static long FromLocalTimestampMillis(DateTime value) => FloorDiv(value.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond);

    public static DateTime ToLocalTimestampMicros(long micros) => new(DateTime.UnixEpoch.Ticks + micros * TicksPerMicro, DateTimeKind.Unspecified);

    public static long FromLocalTimestampMicros(DateTime value) => FloorDiv(value.Ticks - DateTime.UnixEpoch.Ticks, TicksPerMicro);

    public static string FromUuid(Guid value) => value.ToString("D");

    public static Guid ToUuid(string value) =>
        Guid.TryParse(value, out var uuid) ? uuid : throw new AvroException($"'{value}' is not a UUID.");

    /// <summary>The decimal's unscaled value at <paramref name="scale"/>, big-endian two's complement in as few bytes as possible.</summary>
    public static byte[] FromDecimal(decimal value, int scale)
    {
        Span<byte> buffer = stackalloc byte[MaxDecimalBytes];
        var length = WriteDecimal(value, scale, buffer);
        return buffer[..length].ToArray();
    }

    /// <summary>Writes the minimal big-endian two's complement unscaled value; returns the byte count.</summary>
    /// <exception cref="AvroEncodeException">The value has more fractional digits than <paramref name="scale"/> allows.</exception>
    public static int WriteDecimal(decimal value, int scale, Span<byte> destination)
    {
        var unscaled = Unscaled(value, scale);
        var length = MinimalLength(unscaled);
        if (destination.Length < length)
            throw new AvroEncodeException($"decimal {value} needs {length} bytes, the destination has {destination.Length}");
        WriteBigEndian(unscaled, destination[..length]);
        return length;
    }

    /// <summary>Writes the unscaled value sign-extended to exactly the destination's length (a decimal fixed).</summary>
    public static void WriteFixedDecimal(decimal value, int scale, Span<byte> destination)
    {
        var unscaled = Unscaled(value, scale);
        if (MinimalLength(unscaled) > destination.Length)
            throw new AvroEncodeException($"decimal {value} does not fit in a fixed of {destination.Length} bytes");
        WriteBigEndian(unscaled, destination);
    }

    public static decimal ToDecimal(ReadOnlySpan<byte> bigEndianTwosComplement, int scale) => ToDecimal(bigEndianTwosComplement, scale, -1);

    internal static decimal ToDecimal(ReadOnlySpan<byte> bytes, int scale, long offset)
    {
        if (bytes.IsEmpty)
            return 0m;
        var negative = (sbyte)bytes[0] < 0;
        var fill = negative ? (byte)0xFF : (byte)0;
        while (bytes.Length > MaxDecimalBytes)
        {
            if (bytes[0] != fill)
                throw new AvroDecodeException($"decimal of {bytes.Length} bytes is out of the range of System.Decimal", offset);
            bytes = bytes[1..];
        }

        Int128 unscaled = negative ? -1 : 0;
        foreach (var b in bytes)
            unscaled = (unscaled << 8) | b;
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        if (magnitude >> 96 != 0 || scale > 28 || scale < 0)
            throw new AvroDecodeException($"decimal with unscaled value {unscaled} and scale {scale} is out of the range of System.Decimal", offset);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    private static Int128 Unscaled(decimal value, int scale)
    {
        if (scale is < 0 or > 38)
            throw new AvroEncodeException($"decimal scale {scale} is out of range");
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var magnitude = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
        if (valueScale > scale)
        {
            var divisor = PowersOfTen[valueScale - scale];
            var remainder = magnitude % divisor;
            if (remainder != 0)
                throw new AvroEncodeException($"decimal {value} has more than {scale} fractional digits");
            magnitude /= divisor;
        }
        else if (valueScale < scale)
        {
            try
            {
                magnitude = checked(magnitude * PowersOfTen[scale - valueScale]);
            }
            catch (OverflowException e)
            {
                throw new AvroEncodeException($"decimal {value} at scale {scale} does not fit in 128 bits", "$", e);
            }
        }

        return bits[3] < 0 ? -magnitude : magnitude;
    }

    private static int MinimalLength(Int128 value)
    {
        var length = 1;
        while (length < MaxDecimalBytes)
        {
            var bits = 8 * length - 1;
            var limit = Int128.One << bits;
            if (value >= -limit && value < limit)
                break;
            length++;
        }

        return length;
    }

    private static void WriteBigEndian(Int128 value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
            powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
