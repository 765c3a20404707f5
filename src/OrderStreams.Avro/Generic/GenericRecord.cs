using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>
/// A record value for any <see cref="RecordSchema"/>. Field values use the generic representation:
/// null, bool, int, long, float, double, byte[], string, <see cref="GenericRecord"/>, <see cref="GenericEnum"/>,
/// <see cref="GenericFixed"/>, <c>List&lt;object?&gt;</c> for arrays and <c>Dictionary&lt;string, object?&gt;</c> for maps.
/// A union field holds the value of its branch. Logical types keep their underlying value (see <see cref="LogicalValues"/>).
/// </summary>
public sealed class GenericRecord : IEquatable<GenericRecord>
{
    private readonly object?[] _values;

    public GenericRecord(RecordSchema schema)
    {
        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    public RecordSchema Schema { get; }

    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    public object? this[string fieldName]
    {
        get => _values[Schema.GetField(fieldName).Position];
        set => _values[Schema.GetField(fieldName).Position] = value;
    }

    public bool TryGetValue(string fieldName, out object? value)
    {
        if (Schema.TryGetField(fieldName, out var field))
        {
            value = _values[field.Position];
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The value of <paramref name="fieldName"/> cast to <typeparamref name="T"/>.</summary>
    public T Get<T>(string fieldName) => (T)this[fieldName]!;

    public bool Equals(GenericRecord? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && GenericData.ValuesEqual(_values, other._values);

    public override bool Equals(object? obj) => obj is GenericRecord other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, _values.Length);

    /// <summary>The record in the JSON encoding, or a note when its values do not fit the schema.</summary>
    public override string ToString()
    {
        try
        {
            return Json.AvroJson.ToJson(this, Schema);
        }
        catch (AvroEncodeException e)
        {
            return $"{Schema.FullName} (does not fit its schema: {e.Message})";
        }
    }
}
