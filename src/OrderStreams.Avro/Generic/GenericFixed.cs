using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>A fixed value for any <see cref="FixedSchema"/>; the bytes always have the schema's size.</summary>
public sealed class GenericFixed : IEquatable<GenericFixed>
{
    public GenericFixed(FixedSchema schema, byte[] value)
    {
        if (value.Length != schema.Size)
            throw new ArgumentException($"Fixed '{schema.FullName}' needs {schema.Size} bytes, got {value.Length}.", nameof(value));
        Schema = schema;
        Value = value;
    }

    public FixedSchema Schema { get; }

    public byte[] Value { get; }

    public bool Equals(GenericFixed? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && other.Value.AsSpan().SequenceEqual(Value);

    public override bool Equals(object? obj) => obj is GenericFixed other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Value.Length);

    public override string ToString() => Convert.ToHexString(Value);
}
