namespace OrderStreams.Avro.Schemas;

/// <summary>
/// A logical type annotating a primitive or fixed schema. Precision and scale are only meaningful for
/// <see cref="LogicalTypeKind.Decimal"/>. Unknown or invalid logical types are ignored when parsing, as the spec asks.
/// </summary>
public sealed record LogicalType
{
    private LogicalType(LogicalTypeKind kind, string name, int precision = 0, int scale = 0)
    {
        Kind = kind;
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    public LogicalTypeKind Kind { get; }

    /// <summary>The spec's name, e.g. <c>timestamp-millis</c>.</summary>
    public string Name { get; }

    public int Precision { get; }

    public int Scale { get; }

    public static LogicalType Uuid { get; } = new(LogicalTypeKind.Uuid, "uuid");

    public static LogicalType Date { get; } = new(LogicalTypeKind.Date, "date");

    public static LogicalType TimeMillis { get; } = new(LogicalTypeKind.TimeMillis, "time-millis");

    public static LogicalType TimeMicros { get; } = new(LogicalTypeKind.TimeMicros, "time-micros");

    public static LogicalType TimestampMillis { get; } = new(LogicalTypeKind.TimestampMillis, "timestamp-millis");

    public static LogicalType TimestampMicros { get; } = new(LogicalTypeKind.TimestampMicros, "timestamp-micros");

    public static LogicalType LocalTimestampMillis { get; } = new(LogicalTypeKind.LocalTimestampMillis, "local-timestamp-millis");

    public static LogicalType LocalTimestampMicros { get; } = new(LogicalTypeKind.LocalTimestampMicros, "local-timestamp-micros");

    public static LogicalType Duration { get; } = new(LogicalTypeKind.Duration, "duration");

    public static LogicalType Decimal(int precision, int scale = 0)
    {
        if (precision <= 0)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Decimal precision must be positive.");
        if (scale < 0 || scale > precision)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Decimal scale must be between 0 and the precision.");
        return new LogicalType(LogicalTypeKind.Decimal, "decimal", precision, scale);
    }

    /// <summary>Whether this logical type may annotate <paramref name="type"/> (fixed size checks are separate).</summary>
    public bool CanAnnotate(AvroType type) => Kind switch
    {
        LogicalTypeKind.Decimal => type is AvroType.Bytes or AvroType.Fixed,
        LogicalTypeKind.Uuid => type is AvroType.String,
        LogicalTypeKind.Date or LogicalTypeKind.TimeMillis => type is AvroType.Int,
        LogicalTypeKind.Duration => type is AvroType.Fixed,
        _ => type is AvroType.Long,
    };

    public override string ToString() => Kind == LogicalTypeKind.Decimal ? $"decimal({Precision},{Scale})" : Name;
}
